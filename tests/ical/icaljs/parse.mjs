// Prints the events of calendar files as Thunderbird's parser reads them:
// node parse.mjs WINDOW_START WINDOW_END FILE.ics...
// Output: JSON list of {file, uid, start, end} with UTC ISO instants, recurring events
// expanded within the window, moved occurrences at their new time. Zones come only from
// the VTIMEZONE components in each file, as in Thunderbird.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const [windowStart, windowEnd, ...files] = process.argv.slice(2);
const first = ICAL.Time.fromJSDate(new Date(windowStart), true);
const last = ICAL.Time.fromJSDate(new Date(windowEnd), true);
const out = [];

function utc(time) {
  return time.toJSDate().toISOString();
}

for (const file of files) {
  const root = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
  for (const zone of root.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  }
  const masters = new Map();
  const exceptions = [];
  for (const component of root.getAllSubcomponents("vevent")) {
    const event = new ICAL.Event(component);
    if (event.isRecurrenceException()) exceptions.push(event);
    else masters.set(event.uid, event);
  }
  for (const exception of exceptions) {
    const master = masters.get(exception.uid);
    if (master) master.relateException(exception);
  }
  for (const event of masters.values()) {
    if (!event.isRecurring()) {
      out.push({ file, uid: event.uid, start: utc(event.startDate), end: utc(event.endDate),
                 allDay: event.startDate.isDate });
      continue;
    }
    const iterator = event.iterator();
    for (let next = iterator.next(); next; next = iterator.next()) {
      if (next.compare(last) > 0) break;
      const details = event.getOccurrenceDetails(next);
      if (details.endDate.compare(first) < 0) continue;
      out.push({ file, uid: event.uid, start: utc(details.startDate),
                 end: utc(details.endDate), allDay: details.startDate.isDate });
    }
  }
  for (const zone of root.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.remove(zone.getFirstPropertyValue("tzid"));
  }
}
process.stdout.write(JSON.stringify(out));
