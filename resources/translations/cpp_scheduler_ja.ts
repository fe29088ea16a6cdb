<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
<context>
    <name>Actions</name>
    <message>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>週</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>一覧</translation>
    </message>
    <message>
        <source>Venues</source>
        <translation>会場</translation>
    </message>
    <message>
        <source>Day view (Ctrl+1)</source>
        <translation>日表示 (Ctrl+1)</translation>
    </message>
    <message>
        <source>Week view (Ctrl+2)</source>
        <translation>週表示 (Ctrl+2)</translation>
    </message>
    <message>
        <source>Month view (Ctrl+3)</source>
        <translation>月表示 (Ctrl+3)</translation>
    </message>
    <message>
        <source>Agenda view (Ctrl+4)</source>
        <translation>一覧表示 (Ctrl+4)</translation>
    </message>
    <message>
        <source>Venues view (Ctrl+5)</source>
        <translation>会場別表示 (Ctrl+5)</translation>
    </message>
    <message>
        <source>Delegations…</source>
        <extracomment>Program &gt; the manager of each kind of record.</extracomment>
        <translation>代表団…</translation>
    </message>
    <message>
        <source>Participants…</source>
        <translation>参加者…</translation>
    </message>
    <message>
        <source>Venues…</source>
        <translation>会場…</translation>
    </message>
    <message>
        <source>Partner cities…</source>
        <translation>連携都市…</translation>
    </message>
    <message>
        <source>Themes…</source>
        <translation>テーマ…</translation>
    </message>
    <message>
        <source>Knowledge products…</source>
        <translation>ナレッジ・プロダクト…</translation>
    </message>
    <message>
        <source>Travel times…</source>
        <translation>移動時間…</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新規</translation>
    </message>
    <message>
        <source>Create an event (Ctrl+N)</source>
        <translation>イベントを作成 (Ctrl+N)</translation>
    </message>
    <message>
        <source>Open database…</source>
        <translation>データベースを開く…</translation>
    </message>
    <message>
        <source>Open another program (a .sqlite file or a PostgreSQL URL) in a new window (Ctrl+O)</source>
        <translation>別のプログラム（.sqlite ファイルまたは PostgreSQL の URL）を新しいウィンドウで開く (Ctrl+O)</translation>
    </message>
    <message>
        <source>Export program file…</source>
        <translation>プログラムファイルを書き出す…</translation>
    </message>
    <message>
        <source>Write the whole program to a program file (.json)</source>
        <translation>プログラム全体をプログラムファイル（.json）に書き出す</translation>
    </message>
    <message>
        <source>Import program file…</source>
        <translation>プログラムファイルを読み込む…</translation>
    </message>
    <message>
        <source>Add or update records from a program file (.json); this cannot be undone</source>
        <translation>プログラムファイル（.json）からレコードを追加・更新します。元に戻すことはできません</translation>
    </message>
    <message>
        <source>Load the demo program</source>
        <translation>デモ用プログラムを読み込む</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>Edit event…</source>
        <translation>イベントを編集…</translation>
    </message>
    <message>
        <source>Edit the selected event (Enter)</source>
        <translation>選択したイベントを編集 (Enter)</translation>
    </message>
    <message>
        <source>Delete event</source>
        <translation>イベントを削除</translation>
    </message>
    <message>
        <source>Delete the selected event (Delete)</source>
        <translation>選択したイベントを削除 (Delete)</translation>
    </message>
    <message>
        <source>Cancel one meeting of the series…</source>
        <translation>シリーズの1回を中止…</translation>
    </message>
    <message>
        <source>Cancel a single meeting of the selected series and keep the others</source>
        <translation>選択したシリーズのうち1回だけを中止し、ほかの回は残す</translation>
    </message>
    <message>
        <source>Find…</source>
        <translation>検索…</translation>
    </message>
    <message>
        <source>Search events (Ctrl+F)</source>
        <translation>イベントを検索 (Ctrl+F)</translation>
    </message>
    <message>
        <source>Preferences…</source>
        <translation>設定…</translation>
    </message>
    <message>
        <source>The program&apos;s language</source>
        <translation>プログラムの表示言語</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>Show today (T)</source>
        <translation>今日を表示 (T)</translation>
    </message>
    <message>
        <source>‹ Previous</source>
        <translation>‹ 前へ</translation>
    </message>
    <message>
        <source>Previous period (Left)</source>
        <translation>前の期間 (←)</translation>
    </message>
    <message>
        <source>Next ›</source>
        <translation>次へ ›</translation>
    </message>
    <message>
        <source>Next period (Right)</source>
        <translation>次の期間 (→)</translation>
    </message>
    <message>
        <source>Show times in…</source>
        <translation>表示するタイムゾーン…</translation>
    </message>
    <message>
        <source>Choose the time zone every view shows its times in (Ctrl+Shift+T)</source>
        <translation>すべての表示で使うタイムゾーンを選ぶ (Ctrl+Shift+T)</translation>
    </message>
    <message>
        <source>User guide…</source>
        <translation>ユーザーガイド…</translation>
    </message>
    <message>
        <source>The program&apos;s documents: getting started, the tools, calendar files</source>
        <translation>プログラムの説明書: はじめに、ツール、カレンダーファイル</translation>
    </message>
    <message>
        <source>Keyboard shortcuts…</source>
        <translation>キーボードショートカット…</translation>
    </message>
    <message>
        <source>About CPP Scheduler</source>
        <translation>CPP Scheduler について</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>やり直す</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>元に戻す</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>Open recent</source>
        <translation>最近使ったデータベース</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>Agenda &amp;columns</source>
        <translation>一覧の列(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Program</source>
        <translation>プログラム(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>ツール(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>カレンダー</translation>
    </message>
</context>
<context>
    <name>Agenda</name>
    <message>
        <source>Fit columns to the window</source>
        <translation>列幅をウィンドウに合わせる</translation>
    </message>
    <message>
        <source>Agenda from {day}</source>
        <translation>{day}からの一覧</translation>
    </message>
</context>
<context>
    <name>AnswersView</name>
    <message>
        <source>Reading the answers…</source>
        <translation>回答を読み込み中…</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>参加者</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>イベント</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>Answered for</source>
        <translation>回答の対象</translation>
    </message>
</context>
<context>
    <name>Author</name>
    <message>
        <source>Your name</source>
        <translation>あなたの名前</translation>
    </message>
    <message>
        <source>The name your changes are recorded under, in every record&apos;s history
(leave it empty for your user name):</source>
        <translation>各記録の履歴に、あなたの変更を記録する名前
（空欄ならユーザー名を使います）：</translation>
    </message>
    <message>
        <source>Cannot use this name</source>
        <translation>この名前は使えません</translation>
    </message>
    <message>
        <source>Your changes are now recorded as {name}</source>
        <translation>以後の変更は {name} として記録されます</translation>
    </message>
    <message>
        <source>Your name in the preferences cannot be used: {reason}. Your changes are recorded as {name} until you give another in Tools &gt; Your name.</source>
        <translation>設定の名前は使えません: {reason}。「ツール」&gt;「あなたの名前」で別の名前を指定するまで、変更は {name} として記録されます。</translation>
    </message>
</context>
<context>
    <name>CalendarFiles</name>
    <message>
        <source>No reminder</source>
        <translation>リマインダーなし</translation>
    </message>
    <message>
        <source>15 minutes before</source>
        <translation>15分前</translation>
    </message>
    <message>
        <source>30 minutes before</source>
        <translation>30分前</translation>
    </message>
    <message>
        <source>1 hour before</source>
        <translation>1時間前</translation>
    </message>
    <message>
        <source>1 day before</source>
        <translation>1日前</translation>
    </message>
    <message>
        <source>&lt;b&gt;How updates reach people.&lt;/b&gt; Put the file at a fixed web address (the feed address) and have people subscribe to it, replacing the file after each change: Outlook and Thunderbird refresh it within hours, Apple Calendar as often as its user chose, Google Calendar on its own timetable (often several hours, sometimes a day). Do not ask people to import a new file: Google skips events it already holds, and Outlook and Apple Calendar often add a second copy. </source>
        <translation>&lt;b&gt;変更の伝わり方。&lt;/b&gt;ファイルを決まったウェブアドレス（配信アドレス）に置いて購読してもらい、変更のたびにファイルを置き換えてください。Outlook と Thunderbird は数時間以内に、Apple カレンダーは利用者が設定した間隔で、Google カレンダーは独自の間隔（多くは数時間、ときに1日）で更新します。新しいファイルを取り込んでもらうのは避けてください。Google は登録済みのイベントを読み飛ばし、Outlook と Apple カレンダーは重複して登録することがよくあります。</translation>
    </message>
    <message>
        <source>The selected event</source>
        <translation>選択したイベント</translation>
    </message>
    <message>
        <source>The events the calendar shows</source>
        <translation>カレンダーに表示中のイベント</translation>
    </message>
    <message>
        <source>A delegation&apos;s schedule</source>
        <translation>代表団のスケジュール</translation>
    </message>
    <message>
        <source>A participant&apos;s schedule</source>
        <translation>参加者のスケジュール</translation>
    </message>
    <message>
        <source>A study tour</source>
        <translation>視察研修</translation>
    </message>
    <message>
        <source>The whole program</source>
        <translation>プログラム全体</translation>
    </message>
    <message>
        <source>The program between two dates</source>
        <translation>指定期間のプログラム</translation>
    </message>
    <message>
        <source>Cannot read the program: {error}</source>
        <translation>プログラムを読み込めません: {error}</translation>
    </message>
    <message>
        <source>&lt;b&gt;How updates reach people.&lt;/b&gt; Send the file by email as an invitation, one event to a message: Outlook and Gmail act on the first event of a file only (Tools &gt; Send invitations… sends each event on its own). Outlook, Gmail and Google Calendar, Apple Calendar and Thunderbird replace their copy when an invitation with the same UID and a higher SEQUENCE arrives, so after each change send the new file to the same people. Cancelled events go in a second file (…-cancelled.ics) that removes them: send both. </source>
        <translation>&lt;b&gt;変更の伝わり方。&lt;/b&gt;ファイルを招待としてメールで送ってください。1通に1件のイベントです。Outlook と Gmail はファイルの最初のイベントしか扱いません（ツール &gt; 招待を送信… はイベントを1件ずつ送ります）。Outlook、Gmail と Google カレンダー、Apple カレンダー、Thunderbird は、同じ UID でより大きい SEQUENCE の招待を受け取ると登録済みのものを置き換えます。変更のたびに、同じ人に新しいファイルを送ってください。中止したイベントは、それを削除する2つ目のファイル（…-cancelled.ics）に入ります。両方を送ってください。</translation>
    </message>
    <message>
        <source>How each calendar program takes updates…</source>
        <translation>各カレンダーソフトでの変更の反映について…</translation>
    </message>
    <message>
        <source>Select an event in the calendar first.</source>
        <translation>先にカレンダーでイベントを選んでください。</translation>
    </message>
    <message>
        <source>Reading the program&apos;s lists…</source>
        <translation>プログラムの一覧を読み込んでいます…</translation>
    </message>
    <message>
        <source>Choose one in the list.</source>
        <translation>一覧から1つ選んでください。</translation>
    </message>
    <message>
        <source>Reading the program…</source>
        <translation>プログラムを読み込んでいます…</translation>
    </message>
    <message>
        <source>Reading the file back…</source>
        <translation>書き出したファイルを読み直しています…</translation>
    </message>
    <message>
        <source>Folder for the participants&apos; files</source>
        <translation>参加者ごとのファイルを保存するフォルダー</translation>
    </message>
    <message>
        <source>Calendar file</source>
        <translation>カレンダーファイル</translation>
    </message>
    <message>
        <source>Calendar files (*.ics)</source>
        <translation>カレンダーファイル (*.ics)</translation>
    </message>
    <message>
        <source>Choose where to write first.</source>
        <translation>先に書き出し先を選んでください。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Writing one file per participant…</source>
        <translation>参加者ごとにファイルを書き出しています…</translation>
    </message>
    <message>
        <source>Writing {name}…</source>
        <translation>{name} を書き出しています…</translation>
    </message>
    <message>
        <source>Written {done} of {total} participants…</source>
        <translation>参加者{total}人中{done}人分を書き出しました…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Cannot export: {error}</source>
        <translation>書き出せません: {error}</translation>
    </message>
    <message>
        <source>The program has no delegation yet.</source>
        <translation>プログラムにはまだ代表団がありません。</translation>
    </message>
    <message>
        <source>The program has no participant yet.</source>
        <translation>プログラムにはまだ参加者がいません。</translation>
    </message>
    <message>
        <source>The program has no study tour yet.</source>
        <translation>プログラムにはまだ視察研修がありません。</translation>
    </message>
    <message>
        <source>{written}; {without}</source>
        <translation>{written}。{without}</translation>
    </message>
    <message>
        <source>Cancelled. {report} before the cancellation.</source>
        <translation>中止しました。{report}（中止までの分）。</translation>
    </message>
    <message>
        <source>{report}.</source>
        <translation>{report}。</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>キャンセルしています…</translation>
    </message>
    <message>
        <source>Import {name}</source>
        <translation>{name} を読み込む</translation>
    </message>
    <message>
        <source>Read {done} of {total} events…</source>
        <translation>{total}件中{done}件のイベントを読み込みました…</translation>
    </message>
    <message>
        <source>{counts}. Nothing has changed yet.</source>
        <translation>{counts}。まだ何も変更していません。</translation>
    </message>
    <message>
        <source>Written {done} of {total} new events…</source>
        <translation>新しいイベント{total}件中{done}件を書き込みました…</translation>
    </message>
    <message>
        <source>Skip events that break a rule (such as ending before they start)</source>
        <translation>ルールに反するイベント（開始前に終了するものなど）を読み飛ばす</translation>
    </message>
    <message>
        <source>Import a calendar</source>
        <translation>カレンダーを読み込む</translation>
    </message>
    <message>
        <source>Calendar files (*.ics);;All files (*)</source>
        <translation>カレンダーファイル (*.ics);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>{name} を読み込んでいます…</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>作成</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Already here</source>
        <translation>登録済み</translation>
    </message>
    <message>
        <source>Keep ours (newer)</source>
        <translation>こちらを維持（新しい）</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>スキップ</translation>
    </message>
    <message>
        <source>line {line}: {reason}</source>
        <translation>{line}行目: {reason}</translation>
    </message>
    <message>
        <source>Imported: {counts}. Undo (Ctrl+Z) takes the whole import back.</source>
        <translation>取り込みました: {counts}。元に戻す（Ctrl+Z）で取り込み全体を取り消せます。</translation>
    </message>
    <message>
        <source>Read as RFC 5545 says</source>
        <translation>RFC 5545 に従って解釈</translation>
    </message>
    <message>
        <source>Left out</source>
        <translation>取り込まない</translation>
    </message>
    <message>
        <source>Importing {name}…</source>
        <translation>{name} を取り込んでいます…</translation>
    </message>
    <message>
        <source>Cannot import</source>
        <translation>読み込めません</translation>
    </message>
</context>
<context>
    <name>ChangedElsewhereBar</name>
    <message>
        <source>Compare and merge…</source>
        <translation>比較して統合…</translation>
    </message>
    <message>
        <source>Show their version and yours field by field; fields only one of you changed are kept by themselves.</source>
        <translation>相手のバージョンとあなたのバージョンを項目ごとに表示します。どちらか一方だけが変更した項目はそのまま反映されます。</translation>
    </message>
    <message>
        <source>Save as new</source>
        <translation>新規として保存</translation>
    </message>
    <message>
        <source>Keep what you typed as a new record: its links to records deleted too are left out, and said. To bring back the deleted record itself, with everything its deletion took, revert the deletion in the History panel.</source>
        <translation>入力した内容を新しいレコードとして残します。同じく削除されたレコードへのリンクは外し、そのことをお知らせします。削除されたレコードそのものを、削除で一緒に消えたものも含めて元に戻すには、履歴パネルでその削除を取り消してください。</translation>
    </message>
    <message>
        <source>someone else</source>
        <translation>他の人</translation>
    </message>
    <message>
        <source>Changed by {who} at {time} since you opened it.</source>
        <translation>開いた後に {who} さんが {time} に変更しました。</translation>
    </message>
    <message>
        <source>Deleted by {who} at {time} since you opened it: it can no longer be saved as it was, but what you typed can be saved as a new record.</source>
        <translation>開いた後に {who} さんが {time} に削除しました。元のレコードには保存できませんが、入力した内容は新しいレコードとして保存できます。</translation>
    </message>
    <message>
        <source>Deleted by {who} at {time} since you opened it: it can no longer be saved.</source>
        <translation>開いた後に {who} さんが {time} に削除しました。保存できません。</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <source>Wait until “{step}” is done, then try again.</source>
        <translation>「{step}」が終わるまでお待ちください。その後でもう一度お試しください。</translation>
    </message>
    <message>
        <source>Could not {step}: {error}</source>
        <translation>「{step}」を実行できませんでした: {error}</translation>
    </message>
    <message>
        <source>Undo {step}</source>
        <translation>元に戻す: {step}</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>保存できません</translation>
    </message>
    <message>
        <source>Cannot undo</source>
        <translation>元に戻せません</translation>
    </message>
    <message>
        <source>Cannot redo</source>
        <translation>やり直せません</translation>
    </message>
    <message>
        <source>Redo {step}</source>
        <translation>やり直す: {step}</translation>
    </message>
    <message>
        <source>Could not undo {step}: {error}</source>
        <translation>「{step}」を元に戻せませんでした: {error}</translation>
    </message>
    <message>
        <source>Could not redo {step}: {error}</source>
        <translation>「{step}」をやり直せませんでした: {error}</translation>
    </message>
    <message>
        <source>Create {kind} &apos;{title}&apos;</source>
        <translation>{kind}「{title}」を作成</translation>
    </message>
    <message>
        <source>Save {kind} &apos;{title}&apos; as new</source>
        <translation>{kind}「{title}」を新規として保存</translation>
    </message>
    <message>
        <source>Delete {kind} &apos;{title}&apos;</source>
        <translation>{kind}「{title}」を削除</translation>
    </message>
    <message>
        <source>Change &apos;{title}&apos; to end at {end} ({length})</source>
        <translation>「{title}」の終了を {end} に変更（{length}）</translation>
    </message>
    <message>
        <source>Move &apos;{title}&apos; to {span}</source>
        <translation>「{title}」を {span} に移動</translation>
    </message>
    <message>
        <source>Move &apos;{title}&apos; to {start}</source>
        <translation>「{title}」を {start} に移動</translation>
    </message>
    <message>
        <source>the {day} meeting of &apos;{title}&apos;</source>
        <translation>「{title}」の {day} の会合</translation>
    </message>
    <message>
        <source>Cancel the {day} meeting of &apos;{title}&apos;</source>
        <translation>「{title}」の {day} の会合を中止</translation>
    </message>
</context>
<context>
    <name>Conflicts</name>
    <message>
        <source>Error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>{severity}: {problem}</source>
        <translation>{severity}：{problem}</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>すべての種類</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>確認しています…</translation>
    </message>
</context>
<context>
    <name>ConflictsDock</name>
    <message>
        <source>Conflicts</source>
        <translation>競合</translation>
    </message>
</context>
<context>
    <name>ConflictsModel</name>
    <message>
        <source>Field</source>
        <translation>項目</translation>
    </message>
    <message>
        <source>When you opened it</source>
        <translation>開いたときの値</translation>
    </message>
    <message>
        <source>Yours</source>
        <translation>あなたの値</translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <source>Cannot do that</source>
        <translation>実行できません</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>問題が発生しました</translation>
    </message>
    <message>
        <source>CPP Scheduler ran into an unexpected problem and could not finish what you asked. Your saved work is safe.

The details were written to:
{file}

Please send that file to whoever looks after CPP Scheduler.</source>
        <translation>CPP Scheduler で予期しない問題が起き、操作を完了できませんでした。保存済みの作業は失われていません。

詳細は次のファイルに記録しました:
{file}

このファイルを CPP Scheduler の担当者に送ってください。</translation>
    </message>
    <message>
        <source>{refusal}; save again once the server answers (the window reconnects by itself)</source>
        <translation>{refusal}。サーバーが応答したら、もう一度保存してください（ウィンドウは自動で接続し直します）</translation>
    </message>
    <message>
        <source>An unexpected problem stopped this; the details were written to {file}.</source>
        <translation>予期しない問題のため中断しました。詳細は {file} に記録されています。</translation>
    </message>
</context>
<context>
    <name>DelegationDialog</name>
    <message>
        <source>Delegation</source>
        <translation>代表団</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>Lima housing ministry</source>
        <translation>リマ住宅省</translation>
    </message>
    <message>
        <source>&amp;Country</source>
        <translation>国(&amp;C)</translation>
    </message>
    <message>
        <source>Time &amp;zone</source>
        <translation>タイムゾーン(&amp;Z)</translation>
    </message>
    <message>
        <source>&amp;Home city</source>
        <translation>本国の都市(&amp;H)</translation>
    </message>
    <message>
        <source>Lima</source>
        <translation>リマ</translation>
    </message>
    <message>
        <source>&amp;Working hours</source>
        <translation>勤務時間(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Acceptable hours</source>
        <translation>参加可能な時間帯(&amp;A)</translation>
    </message>
    <message>
        <source>The widest hours the delegation can join a videoconference from home, early or late.</source>
        <translation>代表団が本国からビデオ会議に参加できる最も広い時間帯（早朝・夜間を含む）。</translation>
    </message>
    <message>
        <source>A&amp;rrives in Japan</source>
        <translation>来日日(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Leaves Japan</source>
        <translation>離日日(&amp;L)</translation>
    </message>
    <message>
        <source>Lan&amp;guages</source>
        <translation>言語(&amp;G)</translation>
    </message>
    <message>
        <source>Spanish, English (separated by commas)</source>
        <translation>スペイン語, 英語（カンマ区切り）</translation>
    </message>
    <message>
        <source>&amp;Interpretation</source>
        <translation>通訳(&amp;I)</translation>
    </message>
    <message>
        <source>Spanish–Japanese consecutive</source>
        <translation>スペイン語–日本語 逐次通訳</translation>
    </message>
    <message>
        <source>N&amp;otes</source>
        <translation>メモ(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Members</source>
        <translation>メンバー(&amp;M)</translation>
    </message>
    <message>
        <source>Membership is set in each participant&apos;s editor.</source>
        <translation>メンバーは各参加者の編集画面で設定します。</translation>
    </message>
    <message>
        <source>Type to search: Peru, Kenya, Nepal…</source>
        <translation>入力して検索: ペルー、ケニア、ネパール…</translation>
    </message>
    <message>
        <source>Known</source>
        <translation>日付あり</translation>
    </message>
    <message>
        <source>Answers to invitations:</source>
        <translation>招待への回答:</translation>
    </message>
    <message>
        <source>No members yet.</source>
        <translation>メンバーはまだいません。</translation>
    </message>
    <message>
        <source>&amp;Members ({count})</source>
        <translation>メンバー(&amp;M)（{count}名）</translation>
    </message>
    <message>
        <source>Choose the country first</source>
        <translation>先に国を選んでください</translation>
    </message>
    <message>
        <source>Choose one of {count} zones</source>
        <translation>{count}個のタイムゾーンから選択</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is not a country of the list; pick one.</source>
        <translation>「{name}」は一覧にある国ではありません。一覧から選んでください。</translation>
    </message>
    <message>
        <source>Choose the country the delegation comes from.</source>
        <translation>代表団の国を選んでください。</translation>
    </message>
</context>
<context>
    <name>DelegationView</name>
    <message>
        <source>, a session of {conference}</source>
        <translation>、{conference} のセッション</translation>
    </message>
    <message>
        <source>Delegation schedule</source>
        <translation>代表団のスケジュール</translation>
    </message>
    <message>
        <source>Reading the delegations…</source>
        <translation>代表団を読み込んでいます…</translation>
    </message>
    <message>
        <source>Print itinerary…</source>
        <translation>旅程表を印刷…</translation>
    </message>
    <message>
        <source>Delegation</source>
        <translation>代表団</translation>
    </message>
    <message>
        <source>No delegations in the program yet.</source>
        <translation>プログラムにはまだ代表団がありません。</translation>
    </message>
    <message>
        <source>The schedule could not be read: {error}</source>
        <translation>日程を読み込めませんでした: {error}</translation>
    </message>
</context>
<context>
    <name>Documents</name>
    <message>
        <source>Print itinerary</source>
        <translation>旅程表を印刷</translation>
    </message>
    <message>
        <source>Print programme</source>
        <translation>プログラム（会議日程）を印刷</translation>
    </message>
    <message>
        <source>Print run sheet</source>
        <translation>進行表を印刷</translation>
    </message>
    <message>
        <source>US Letter</source>
        <translation>US レター</translation>
    </message>
    <message>
        <source>ddd d MMM yyyy</source>
        <translation>yyyy年M月d日(ddd)</translation>
    </message>
    <message>
        <source>Date in &amp;Japan</source>
        <translation>日本での日付(&amp;J)</translation>
    </message>
    <message>
        <source>&amp;Delegation</source>
        <translation>代表団(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Conference</source>
        <translation>会議(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Paper</source>
        <translation>用紙(&amp;P)</translation>
    </message>
    <message>
        <source>Print pre&amp;view…</source>
        <translation>印刷プレビュー(&amp;V)…</translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation>PDF として保存(&amp;S)…</translation>
    </message>
    <message>
        <source>Reading the program…</source>
        <translation>プログラムを読み込んでいます…</translation>
    </message>
    <message>
        <source>The program has no delegations yet.</source>
        <translation>プログラムにはまだ代表団がありません。</translation>
    </message>
    <message>
        <source>The program has no conferences yet.</source>
        <translation>プログラムにはまだ会議がありません。</translation>
    </message>
    <message>
        <source>Date in Japan</source>
        <translation>日本での日付</translation>
    </message>
    <message>
        <source>Choose what to print first.</source>
        <translation>先に印刷する内容を選んでください。</translation>
    </message>
    <message>
        <source>Building the document…</source>
        <translation>文書を作成しています…</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>PDF として保存</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF ファイル (*.pdf)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Laying out the pages…</source>
        <translation>ページをレイアウトしています…</translation>
    </message>
    <message>
        <source>Cannot save the PDF</source>
        <translation>PDF を保存できません</translation>
    </message>
    <message>
        <source>Cancelled: nothing was saved.</source>
        <translation>キャンセルしました。何も保存されていません。</translation>
    </message>
    <message>
        <source>Print itinerary…</source>
        <translation>旅程表を印刷…</translation>
    </message>
    <message>
        <source>A delegation&apos;s itinerary, day by day</source>
        <translation>代表団の旅程表（日ごと）</translation>
    </message>
    <message>
        <source>Print programme…</source>
        <translation>プログラム（会議日程）を印刷…</translation>
    </message>
    <message>
        <source>A conference&apos;s programme by room</source>
        <translation>会議のプログラム（会場ごと）</translation>
    </message>
    <message>
        <source>Print run sheet…</source>
        <translation>進行表を印刷…</translation>
    </message>
    <message>
        <source>Everything on one day, with its conflicts</source>
        <translation>1 日のすべての予定と競合</translation>
    </message>
</context>
<context>
    <name>EventDialog</name>
    <message>
        <source>Event</source>
        <translation>イベント</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>タイトル(&amp;T)</translation>
    </message>
    <message>
        <source>Disaster-risk peer-to-peer workshop with Kobe</source>
        <translation>神戸市との防災ピア・ツー・ピア・ワークショップ</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>種類(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Mode</source>
        <translation>形式(&amp;M)</translation>
    </message>
    <message>
        <source>Stat&amp;us</source>
        <translation>状態(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;When</source>
        <translation>日時(&amp;W)</translation>
    </message>
    <message>
        <source>Time &amp;zone</source>
        <translation>タイムゾーン(&amp;Z)</translation>
    </message>
    <message>
        <source>The zone the event is planned in: its clock time stays put when other countries change their clocks.</source>
        <translation>イベントを計画したタイムゾーン。他国で時計が切り替わっても、この時刻は変わりません。</translation>
    </message>
    <message>
        <source>&amp;Starts</source>
        <translation>開始(&amp;S)</translation>
    </message>
    <message>
        <source>ddd d MMM yyyy  HH:mm</source>
        <extracomment>The fields the dialog&apos;s lists hold.</extracomment>
        <translation>yyyy年M月d日(ddd)  HH:mm</translation>
    </message>
    <message>
        <source>An event of whole days (an office closure, an arrival day, a conference day block): dates, not hours, on every attendee&apos;s calendar</source>
        <translation>終日の行事（事務所の休業日、到着日、会議の日程枠など）：各出席者のカレンダーには時刻ではなく日付で入ります</translation>
    </message>
    <message>
        <source>All da&amp;y</source>
        <translation>終日(&amp;Y)</translation>
    </message>
    <message>
        <source>Open the slot finder with this event&apos;s attendees, host and length; the time chosen there comes back here</source>
        <translation>このイベントの出席者・主催者・長さで日時検索を開きます。そこで選んだ日時がここに戻ります</translation>
    </message>
    <message>
        <source>&amp;Find a time…</source>
        <translation>日時を探す(&amp;F)…</translation>
    </message>
    <message>
        <source>E&amp;nds</source>
        <translation>終了(&amp;N)</translation>
    </message>
    <message>
        <source>Local times</source>
        <translation>現地時刻</translation>
    </message>
    <message>
        <source>Each attendee&apos;s clock, then Tokyo and Washington, as the Local times dock shows the saved event</source>
        <translation>各出席者の現地時刻と東京・ワシントンの時刻（保存済みのイベントについて「現地時刻」パネルと同じ表示）</translation>
    </message>
    <message>
        <source>&amp;Place and people</source>
        <translation>場所と参加者(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Venue</source>
        <translation>会場(&amp;V)</translation>
    </message>
    <message>
        <source>Partner &amp;city</source>
        <translation>連携都市(&amp;C)</translation>
    </message>
    <message>
        <source>Hosted &amp;by</source>
        <translation>主催(&amp;B)</translation>
    </message>
    <message>
        <source>Who runs the event and is in the room for it: TDLC in Tokyo, or a partner city&apos;s office (a session run from Kobe). The host&apos;s working hours count when a time is sought.</source>
        <translation>イベントを運営し会場にいる主催者: 東京の TDLC、または連携都市の事務所（神戸から運営するセッションなど）。日時を探すときは主催者の勤務時間も考慮されます。</translation>
    </message>
    <message>
        <source>V&amp;ideo link</source>
        <translation>ビデオ会議のリンク(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Organiser</source>
        <translation>主催担当者(&amp;O)</translation>
    </message>
    <message>
        <source>Session of &amp;conference</source>
        <translation>所属する会議(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Attendees</source>
        <translation>出席者(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Delegations</source>
        <translation>代表団(&amp;D)</translation>
    </message>
    <message>
        <source>Pa&amp;rticipants</source>
        <translation>参加者(&amp;R)</translation>
    </message>
    <message>
        <source>T&amp;hemes</source>
        <translation>テーマ(&amp;H)</translation>
    </message>
    <message>
        <source>Thematic areas the event &amp;covers</source>
        <translation>イベントが扱うテーマ分野(&amp;C)</translation>
    </message>
    <message>
        <source>Ser&amp;ies</source>
        <translation>繰り返し(&amp;I)</translation>
    </message>
    <message>
        <source>A&amp;genda and notes</source>
        <translation>アジェンダとメモ(&amp;G)</translation>
    </message>
    <message>
        <source>Descri&amp;ption and agenda (sent to participants)</source>
        <translation>説明とアジェンダ（参加者に送信）(&amp;P)</translation>
    </message>
    <message>
        <source>Coordinator&apos;s &amp;notes (never sent)</source>
        <translation>コーディネーターのメモ（送信されません）(&amp;N)</translation>
    </message>
    <message>
        <source>Choose delegations or people on the Attendees tab to see their local time here.</source>
        <translation>「出席者」タブで代表団や参加者を選ぶと、ここに各自の現地時刻が表示されます。</translation>
    </message>
    <message>
        <source>{city} · city office</source>
        <translation>{city} · 市の事務所</translation>
    </message>
    <message>
        <source>ddd d MMM yyyy</source>
        <translation>yyyy年M月d日(ddd)</translation>
    </message>
    <message>
        <source>No venue (virtual, or not chosen yet)</source>
        <translation>会場なし（オンライン、または未定）</translation>
    </message>
    <message>
        <source>No partner city</source>
        <translation>連携都市なし</translation>
    </message>
    <message>
        <source>No organiser</source>
        <translation>主催担当者なし</translation>
    </message>
    <message>
        <source>Not a session of a conference</source>
        <translation>会議のセッションではない</translation>
    </message>
    <message>
        <source>Search delegations by name, country or zone…</source>
        <translation>名称・国・タイムゾーンで代表団を検索…</translation>
    </message>
    <message>
        <source>Search people by name, organisation, delegation…</source>
        <translation>氏名・所属・代表団で参加者を検索…</translation>
    </message>
    <message>
        <source>Search themes…</source>
        <translation>テーマを検索…</translation>
    </message>
    <message>
        <source>Answers to the invitation:</source>
        <translation>招待への回答:</translation>
    </message>
    <message>
        <source>&amp;First day</source>
        <translation>初日(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Last day</source>
        <translation>最終日(&amp;L)</translation>
    </message>
    <message>
        <source>Choose below which {time} you mean.</source>
        <translation>どちらの {time} か、下で選んでください。</translation>
    </message>
    <message>
        <source>Give the end.</source>
        <translation>終了を入力してください。</translation>
    </message>
    <message>
        <source>Tokyo {time}</source>
        <translation>東京 {time}</translation>
    </message>
    <message>
        <source>Editing the whole series: every meeting changes with it. This meeting ({day}) can be moved or cancelled alone from the calendar.</source>
        <translation>シリーズ全体を編集しています: すべての会合が変わります。この会合（{day}）だけを移動または中止するには、カレンダーから行ってください。</translation>
    </message>
    <message>
        <source>Cancelled with its conference</source>
        <translation>会議とともに中止</translation>
    </message>
    <message>
        <source>The conference this is a session of is cancelled: the calendar, calendar files, updates and documents give this session as cancelled too.</source>
        <translation>このセッションが属する会議は中止されています。カレンダー、カレンダーファイル、更新の通知、文書のいずれでも、このセッションは中止として扱われます。</translation>
    </message>
    <message>
        <source>Choose when each meeting below starts: the clocks skip its time or pass it twice.</source>
        <translation>下の各会合の開始時刻を選んでください: その時刻は時計の切り替えで飛ばされるか、2回あります。</translation>
    </message>
    <message>
        <source>When each meeting below starts is chosen already: the clocks skip its time or pass it twice. Choose again here to correct an answer.</source>
        <translation>下の各会合の開始時刻は選択済みです: その時刻は時計の切り替えで飛ばされるか、2回あります。誤っていればここで選び直してください。</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export a calendar</source>
        <translation>カレンダーを書き出す</translation>
    </message>
    <message>
        <source>&amp;What</source>
        <translation>対象(&amp;W)</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>期間</translation>
    </message>
    <message>
        <source>ddd d MMM yyyy</source>
        <translation>yyyy年M月d日(ddd)</translation>
    </message>
    <message>
        <source>to</source>
        <translation>～</translation>
    </message>
    <message>
        <source>Kind of file</source>
        <translation>ファイルの種類</translation>
    </message>
    <message>
        <source>&amp;Publish: a calendar to import or subscribe to</source>
        <translation>公開(&amp;P): 取り込み・購読用のカレンダー</translation>
    </message>
    <message>
        <source>&amp;Request: invitations to send by email</source>
        <translation>依頼(&amp;R): メールで送る招待</translation>
    </message>
    <message>
        <source>Or&amp;ganiser</source>
        <translation>主催担当者(&amp;G)</translation>
    </message>
    <message>
        <source>Who invitations come from, for events that have no organiser of their own; replies go there</source>
        <translation>主催担当者のないイベントの招待の差出人。返信はここに届きます</translation>
    </message>
    <message>
        <source>&amp;Feed address</source>
        <translation>配信アドレス(&amp;F)</translation>
    </message>
    <message>
        <source>Where the file will be published for people to subscribe to (optional)</source>
        <translation>購読用にファイルを公開する場所（任意）</translation>
    </message>
    <message>
        <source>optional: https://…/program.ics</source>
        <translation>任意: https://…/program.ics</translation>
    </message>
    <message>
        <source>How often subscribed calendars should fetch the file again</source>
        <translation>購読しているカレンダーがファイルを取得し直す間隔</translation>
    </message>
    <message>
        <source>every </source>
        <translation>間隔 </translation>
    </message>
    <message>
        <source> h</source>
        <translation> 時間</translation>
    </message>
    <message>
        <source>Re&amp;minder</source>
        <translation>リマインダー(&amp;M)</translation>
    </message>
    <message>
        <source>Include attendees&apos; &amp;email addresses</source>
        <translation>出席者のメールアドレスを含める(&amp;E)</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>書き出し方</translation>
    </message>
    <message>
        <source>&amp;One file</source>
        <translation>1つのファイル(&amp;O)</translation>
    </message>
    <message>
        <source>One file per &amp;participant, into a folder</source>
        <translation>参加者ごとに1ファイル、フォルダーへ(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>書き出し先(&amp;T)</translation>
    </message>
    <message>
        <source>Where to write (a .ics file, or a folder)</source>
        <translation>書き出し先（.ics ファイルまたはフォルダー）</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>参照(&amp;B)…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Going into the file&lt;/b&gt;</source>
        <translation>&lt;b&gt;ファイルに書き出す内容&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>書き出す(&amp;E)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
</context>
<context>
    <name>FileMenu</name>
    <message>
        <source>SQLite databases (*.sqlite *.sqlite3 *.db);;All files (*)</source>
        <translation>SQLite データベース (*.sqlite *.sqlite3 *.db);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Program files (*.json);;All files (*)</source>
        <translation>プログラムファイル (*.json);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Open database</source>
        <translation>データベースを開く</translation>
    </message>
    <message>
        <source>A SQLite file (.sqlite) on this computer, or the URL of a shared PostgreSQL database (postgresql://user@host/name). It opens in a new window.</source>
        <translation>このコンピューター上の SQLite ファイル（.sqlite）、または共有の PostgreSQL データベースの URL（postgresql://user@host/name）。新しいウィンドウで開きます。</translation>
    </message>
    <message>
        <source>/path/to/program.sqlite or postgresql://…</source>
        <translation>/path/to/program.sqlite または postgresql://…</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>Open a program database</source>
        <translation>プログラムのデータベースを開く</translation>
    </message>
    <message>
        <source>No databases opened yet</source>
        <translation>まだデータベースを開いていません</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>{file} を確認しています…</translation>
    </message>
    <message>
        <source>Import {file} into this program?

{plan}

The file&apos;s values replace this program&apos;s. This cannot be undone, and the undo history is cleared.</source>
        <translation>{file} をこのプログラムに読み込みますか？

{plan}

ファイルの値でこのプログラムの値を置き換えます。元に戻すことはできず、元に戻す履歴も消去されます。</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>データベースを開けません</translation>
    </message>
    <message>
        <source>{file} no longer exists (moved or deleted?); it is taken off Open recent.</source>
        <translation>{file} はもうありません（移動または削除されましたか？）。「最近使ったデータベース」から外します。</translation>
    </message>
    <message>
        <source>Make a new program?</source>
        <translation>新しいプログラムを作成しますか？</translation>
    </message>
    <message>
        <source>There is no program at {path}.

Make a new, empty program there? Check the name first if you meant to open an existing one.</source>
        <translation>{path} にはプログラムがありません。

ここに新しい空のプログラムを作成しますか？既存のプログラムを開くつもりだった場合は、先に名前を確かめてください。</translation>
    </message>
    <message>
        <source>{file} is empty: it no longer holds a program; it is taken off Open recent.</source>
        <translation>{file} は空のファイルで、プログラムはもう入っていません。「最近使ったデータベース」から外します。</translation>
    </message>
    <message>
        <source>Export the program file</source>
        <translation>プログラムファイルを書き出す</translation>
    </message>
    <message>
        <source>Writing {file}…</source>
        <translation>{file} を書き出しています…</translation>
    </message>
    <message>
        <source>Cannot write {file}</source>
        <translation>{file} を書き出せません</translation>
    </message>
    <message>
        <source>Import a program file</source>
        <translation>プログラムファイルを読み込む</translation>
    </message>
    <message>
        <source>Importing {file}…</source>
        <translation>{file} を読み込んでいます…</translation>
    </message>
    <message>
        <source>Cannot import {file}</source>
        <translation>{file} を読み込めません</translation>
    </message>
</context>
<context>
    <name>Headers</name>
    <message>
        <source>Starts</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>タイトル</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>形式</translation>
    </message>
    <message>
        <source>Venue</source>
        <translation>会場</translation>
    </message>
    <message>
        <source>Partner city</source>
        <translation>連携都市</translation>
    </message>
    <message>
        <source>Delegations</source>
        <translation>代表団</translation>
    </message>
    <message>
        <source>When ({clock})</source>
        <translation>日時（{clock}）</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>イベント</translation>
    </message>
    <message>
        <source>Their date</source>
        <translation>現地の日付</translation>
    </message>
    <message>
        <source>Their time</source>
        <translation>現地の時刻</translation>
    </message>
    <message>
        <source>Tokyo date</source>
        <translation>東京の日付</translation>
    </message>
    <message>
        <source>Tokyo time</source>
        <translation>東京時間</translation>
    </message>
    <message>
        <source>In their day</source>
        <translation>現地での時間帯</translation>
    </message>
    <message>
        <source>When (UTC)</source>
        <translation>日時 (UTC)</translation>
    </message>
    <message>
        <source>Changed by</source>
        <translation>変更者</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>出席者</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Clock</source>
        <translation>タイムゾーン</translation>
    </message>
    <message>
        <source>Local date</source>
        <translation>現地の日付</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <source>Day ±</source>
        <translation>日差</translation>
    </message>
    <message>
        <source>UTC</source>
        <translation>UTC</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>時間帯</translation>
    </message>
    <message>
        <source>Starts (reader&apos;s clock)</source>
        <translation>開始（受け取る人の時刻）</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>場所</translation>
    </message>
    <message>
        <source>Video link</source>
        <translation>ビデオ会議のリンク</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>Getting started</source>
        <extracomment>The documents of the guide, in the order a new coordinator reads them.</extracomment>
        <translation>はじめに</translation>
    </message>
    <message>
        <source>The coordinator&apos;s tools</source>
        <translation>コーディネーターのツール</translation>
    </message>
    <message>
        <source>Local times, slots and conflicts</source>
        <translation>現地時刻・候補日時・競合</translation>
    </message>
    <message>
        <source>Calendar files and updates</source>
        <translation>カレンダーファイルと更新</translation>
    </message>
    <message>
        <source>The program file</source>
        <translation>プログラムファイル</translation>
    </message>
    <message>
        <source>Working as a team</source>
        <translation>チームでの作業</translation>
    </message>
    <message>
        <source>CPP Scheduler — User guide</source>
        <translation>CPP Scheduler — ユーザーガイド</translation>
    </message>
    <message>
        <source>This page is not translated yet; it is shown in English.</source>
        <translation>このページはまだ翻訳されていないため、英語で表示しています。</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>キーボードショートカット</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>キー</translation>
    </message>
    <message>
        <source>Does</source>
        <translation>操作</translation>
    </message>
</context>
<context>
    <name>HistoryDock</name>
    <message>
        <source>Created (version {version})</source>
        <translation>作成（バージョン {version}）</translation>
    </message>
    <message>
        <source>Deleted (version {version})</source>
        <translation>削除（バージョン {version}）</translation>
    </message>
    <message>
        <source>from {source}</source>
        <translation>{source} から</translation>
    </message>
    <message>
        <source>{record}, version {version}, by {who}</source>
        <translation>{record}、バージョン {version}、{who}</translation>
    </message>
    <message>
        <source>Revert the change of {record}</source>
        <translation>{record} の変更を取り消す</translation>
    </message>
    <message>
        <source>Select an event to see who changed it, and when.</source>
        <translation>イベントを選ぶと、誰がいつ変更したかが表示されます。</translation>
    </message>
    <message>
        <source>History</source>
        <translation>履歴</translation>
    </message>
    <message>
        <source>Revert this change</source>
        <translation>この変更を取り消す</translation>
    </message>
    <message>
        <source>Put back the values this change replaced, as a new change you can undo</source>
        <translation>この変更で置き換えられた値を、元に戻せる新しい変更として戻します</translation>
    </message>
    <message>
        <source>Put the meeting back as it was before this change, as a change you can undo</source>
        <translation>この回をこの変更の前の状態に戻します（元に戻せる変更として）</translation>
    </message>
    <message>
        <source>Delete the record this change created, as a change you can undo</source>
        <translation>この変更で作成されたレコードを、元に戻せる変更として削除します</translation>
    </message>
    <message>
        <source>Bring the record back with its old values and links, as a change you can undo</source>
        <translation>元の値とリンクでレコードを、元に戻せる変更として復元します</translation>
    </message>
    <message>
        <source>Cannot revert this change</source>
        <translation>この変更を取り消せません</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import a calendar</source>
        <translation>カレンダーを読み込む</translation>
    </message>
    <message>
        <source>A calendar file (.ics)</source>
        <translation>カレンダーファイル（.ics）</translation>
    </message>
    <message>
        <source>&amp;Choose a file…</source>
        <translation>ファイルを選ぶ(&amp;C)…</translation>
    </message>
    <message>
        <source>What the file would change</source>
        <translation>このファイルによる変更</translation>
    </message>
    <message>
        <source>What happens</source>
        <translation>処理内容</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>イベント</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>詳細</translation>
    </message>
    <message>
        <source>Choose a file to see what it would change.</source>
        <translation>ファイルを選ぶと、どのような変更になるかが表示されます。</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>読み込む(&amp;I)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
</context>
<context>
    <name>KnowledgeProductDialog</name>
    <message>
        <source>Knowledge product</source>
        <translation>ナレッジ・プロダクト</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>タイトル(&amp;T)</translation>
    </message>
    <message>
        <source>Compact city planning in Toyama: a case study</source>
        <translation>富山市のコンパクトシティ計画: ケーススタディ</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>種類(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Link</source>
        <translation>リンク(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Published</source>
        <translation>公開日(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Summary</source>
        <translation>概要(&amp;S)</translation>
    </message>
    <message>
        <source>Partner &amp;cities</source>
        <translation>連携都市(&amp;C)</translation>
    </message>
    <message>
        <source>T&amp;hemes</source>
        <translation>テーマ(&amp;H)</translation>
    </message>
    <message>
        <source>E&amp;vents</source>
        <translation>イベント(&amp;V)</translation>
    </message>
    <message>
        <source>Known</source>
        <extracomment>The fields the dialog&apos;s lists hold.</extracomment>
        <translation>日付あり</translation>
    </message>
    <message>
        <source>Search cities…</source>
        <translation>都市を検索…</translation>
    </message>
    <message>
        <source>Search themes…</source>
        <translation>テーマを検索…</translation>
    </message>
    <message>
        <source>Search events…</source>
        <translation>イベントを検索…</translation>
    </message>
</context>
<context>
    <name>LocalTimeChoice</name>
    <message>
        <source>start</source>
        <translation>開始時刻</translation>
    </message>
    <message>
        <source>end</source>
        <translation>終了時刻</translation>
    </message>
    <message>
        <source>{time} on {day}</source>
        <translation>{day} {time}</translation>
    </message>
    <message>
        <source>{stamp} does not exist in {zone}:
the clocks jump forward that night. Which {what} do you mean?</source>
        <translation>{zone} には {stamp} は存在しません:
その夜に時計が進みます。どちらの{what}ですか？</translation>
    </message>
    <message>
        <source>{instant}: clock before the jump</source>
        <translation>{instant}: 時計が進む前の時刻</translation>
    </message>
    <message>
        <source>{instant}: clock after the jump</source>
        <translation>{instant}: 時計が進んだ後の時刻</translation>
    </message>
    <message>
        <source>{stamp} happens twice in {zone}:
the clocks go back that night. Which {what} do you mean?</source>
        <translation>{zone} では {stamp} が2回あります:
その夜に時計が戻ります。どちらの{what}ですか？</translation>
    </message>
    <message>
        <source>{instant}: the first time</source>
        <translation>{instant}: 1回目</translation>
    </message>
    <message>
        <source>{instant}: the second time</source>
        <translation>{instant}: 2回目</translation>
    </message>
    <message>
        <source>Which time?</source>
        <translation>どちらの時刻ですか？</translation>
    </message>
</context>
<context>
    <name>LocalTimesDock</name>
    <message>
        <source>Select an event to see it on every attendee&apos;s clock.</source>
        <translation>イベントを選ぶと、各出席者の現地時刻で表示します。</translation>
    </message>
    <message>
        <source>Local times</source>
        <translation>現地時刻</translation>
    </message>
</context>
<context>
    <name>Mail</name>
    <message>
        <source>STARTTLS (port 587)</source>
        <translation>STARTTLS（ポート 587）</translation>
    </message>
    <message>
        <source>TLS from the start (port 465)</source>
        <translation>最初から TLS（ポート 465）</translation>
    </message>
    <message>
        <source>None (a relay on this computer only)</source>
        <translation>なし（このコンピューター上の中継サーバーのみ）</translation>
    </message>
    <message>
        <source>{outcome}: give the user the server knows you by and its password above, and save.</source>
        <translation>{outcome}: サーバーに登録されているユーザー名とパスワードを上の欄に入力して保存してください。</translation>
    </message>
    <message>
        <source>Mail settings</source>
        <translation>メール設定</translation>
    </message>
    <message>
        <source>empty: the server takes mail without a login</source>
        <translation>空欄: サーバーはログインなしで受け付けます</translation>
    </message>
    <message>
        <source>kept in the system keyring; empty keeps the one there</source>
        <translation>システムのキーリングに保存。空欄なら保存済みのものを使います</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>制限なし</translation>
    </message>
    <message>
        <source> a minute</source>
        <translation> 通／分</translation>
    </message>
    <message>
        <source>your own address</source>
        <translation>自分のアドレス</translation>
    </message>
    <message>
        <source>Send a test message</source>
        <translation>テストメールを送信</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>サーバー</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>ポート</translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation>暗号化</translation>
    </message>
    <message>
        <source>User</source>
        <translation>ユーザー</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <source>Sender&apos;s name</source>
        <translation>差出人の名前</translation>
    </message>
    <message>
        <source>Sender&apos;s address</source>
        <translation>差出人のアドレス</translation>
    </message>
    <message>
        <source>At most</source>
        <translation>送信の上限</translation>
    </message>
    <message>
        <source>Test to</source>
        <translation>テストの宛先</translation>
    </message>
    <message>
        <source>Say where the test message goes.</source>
        <translation>テストメールの宛先を入力してください。</translation>
    </message>
    <message>
        <source>Sending a test message to {recipient}…</source>
        <translation>{recipient} にテストメールを送信しています…</translation>
    </message>
    <message>
        <source>Saved in {file}.</source>
        <translation>{file} に保存しました。</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>宛先</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>イベント</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>メッセージ</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>変更内容</translation>
    </message>
    <message>
        <source>Nothing is sent while an event waits: give the sender&apos;s name and address in Tools &gt; Mail settings…, or an organiser to each of these events.</source>
        <translation>差出人を待つイベントがある間は何も送信しません。「ツール」&gt;「メール設定…」で差出人の名前とアドレスを指定するか、これらのイベントに主催担当者を設定してください。</translation>
    </message>
    <message>
        <source>Try again the addresses the server refused</source>
        <translation>サーバーが拒否したアドレスに再送する</translation>
    </message>
    <message>
        <source>Send invitations</source>
        <translation>招待を送信</translation>
    </message>
    <message>
        <source>Send updates</source>
        <translation>更新を送信</translation>
    </message>
    <message>
        <source>The whole program</source>
        <translation>プログラム全体</translation>
    </message>
    <message>
        <source>empty: through the server of the mail settings</source>
        <translation>空欄: メール設定のサーバー経由で送信</translation>
    </message>
    <message>
        <source>Reading who gets what…</source>
        <translation>送信先と内容を読み込んでいます…</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>送信</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>For</source>
        <translation>対象</translation>
    </message>
    <message>
        <source>Outbox folder</source>
        <translation>送信トレイのフォルダー</translation>
    </message>
    <message>
        <source>Event: {title}</source>
        <translation>イベント: {title}</translation>
    </message>
    <message>
        <source>Delegation: {name}</source>
        <translation>代表団: {name}</translation>
    </message>
    <message>
        <source>{outcome}; send again later.</source>
        <translation>{outcome}。後でもう一度送信してください。</translation>
    </message>
    <message>
        <source>{outcome}; the list now shows what is due.</source>
        <translation>{outcome}。一覧には現在必要なものを表示しています。</translation>
    </message>
    <message>
        <source>{outcome}; send again to send it.</source>
        <translation>{outcome}。もう一度送信すると送られます。</translation>
    </message>
    <message>
        <source>{outcome}; send again to send the rest.</source>
        <translation>{outcome}。もう一度送信すると残りが送られます。</translation>
    </message>
    <message>
        <source>{outcome}: correct the password in Tools &gt; Mail settings.</source>
        <translation>{outcome}: 「ツール」&gt;「メール設定…」でパスワードを修正してください。</translation>
    </message>
    <message>
        <source>{outcome}: give the user the server knows you by in Tools &gt; Mail settings.</source>
        <translation>{outcome}: 「ツール」&gt;「メール設定…」でサーバーに登録されているユーザー名を入力してください。</translation>
    </message>
    <message>
        <source>{outcome}.</source>
        <translation>{outcome}。</translation>
    </message>
    <message>
        <source>Study tour: {name}</source>
        <translation>視察研修: {name}</translation>
    </message>
    <message>
        <source>Cannot be sent</source>
        <translation>送信できません</translation>
    </message>
    <message>
        <source>Cancellation</source>
        <translation>中止の通知</translation>
    </message>
    <message>
        <source>Invitation</source>
        <translation>招待</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>⚠ {note}.</source>
        <translation>⚠ {note}。</translation>
    </message>
    <message>
        <source>{note}.</source>
        <translation>{note}。</translation>
    </message>
    <message>
        <source>⚠ {note}</source>
        <translation>⚠ {note}</translation>
    </message>
    <message>
        <source>{note}, or tick &apos;{option}&apos;.</source>
        <translation>{note}。または「{option}」にチェックを入れてください。</translation>
    </message>
    <message>
        <source>Cancelling after the message under way…</source>
        <translation>送信中のメッセージの後でキャンセルします…</translation>
    </message>
    <message>
        <source>What changed since last sent</source>
        <translation>前回の送信以降の変更</translation>
    </message>
    <message>
        <source>Participant and event</source>
        <translation>参加者とイベント</translation>
    </message>
    <message>
        <source>Reading the ledger…</source>
        <translation>送信記録を読み込んでいます…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>再読み込み</translation>
    </message>
    <message>
        <source>Send updates…</source>
        <translation>更新を送信…</translation>
    </message>
    <message>
        <source>Answered for</source>
        <translation>回答の対象</translation>
    </message>
    <message>
        <source>Participant</source>
        <translation>参加者</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>Reading the answers…</source>
        <translation>回答を読み込んでいます…</translation>
    </message>
    <message>
        <source>Replies to invitations</source>
        <translation>招待への回答</translation>
    </message>
    <message>
        <source>Show who has not answered</source>
        <translation>未回答の人を表示</translation>
    </message>
    <message>
        <source>Every person invited, &apos;no answer&apos; for those who have not replied; what is cancelled is left out</source>
        <translation>招待された全員（返信のない人は「未回答」）。中止されたものは除きます</translation>
    </message>
    <message>
        <source>Import replies…</source>
        <translation>回答を読み込む…</translation>
    </message>
    <message>
        <source>Event: {event}</source>
        <translation>イベント: {event}</translation>
    </message>
    <message>
        <source>Import replies</source>
        <translation>回答を読み込む</translation>
    </message>
    <message>
        <source>Replies (*.eml *.ics);;All files (*)</source>
        <translation>回答 (*.eml *.ics);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Reading the replies…</source>
        <translation>回答ファイルを読み込んでいます…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>{name} — opening the program…</source>
        <translation>{name} — プログラムを開いています…</translation>
    </message>
    <message>
        <source>Opening the program…</source>
        <translation>プログラムを開いています…</translation>
    </message>
    <message>
        <source>No program open</source>
        <translation>プログラムが開かれていません</translation>
    </message>
    <message>
        <source>{name} cannot open the database</source>
        <translation>{name} はデータベースを開けません</translation>
    </message>
    <message>
        <source>Database: {name}</source>
        <translation>データベース: {name}</translation>
    </message>
    <message>
        <source>{step}…</source>
        <translation>{step}…</translation>
    </message>
    <message>
        <source>Cannot read the program</source>
        <translation>プログラムを読み込めません</translation>
    </message>
    <message>
        <source>Reading the program…</source>
        <translation>プログラムを読み込んでいます…</translation>
    </message>
    <message>
        <source>Loading the demo program…</source>
        <translation>デモ用プログラムを読み込んでいます…</translation>
    </message>
    <message>
        <source>Cannot load the demo program</source>
        <translation>デモ用プログラムを読み込めません</translation>
    </message>
    <message>
        <source>the filters let through {counted}</source>
        <translation>フィルターに一致: {counted}</translation>
    </message>
    <message>
        <source>Tokyo {tokyo}  ·  Washington {washington}</source>
        <translation>東京 {tokyo}  ·  ワシントン {washington}</translation>
    </message>
    <message>
        <source>Print run sheet of {day}…</source>
        <translation>{day} の進行表を印刷…</translation>
    </message>
    <message>
        <source>Print programme…</source>
        <translation>プログラム（会議日程）を印刷…</translation>
    </message>
    <message>
        <source>About {name}</source>
        <translation>{name} について</translation>
    </message>
    <message>
        <source>Plans the learning events of TDLC&apos;s City Partnership Program across time zones.</source>
        <translation>東京開発ラーニングセンター（TDLC）の都市パートナーシップ・プログラム（CPP）の学習イベントを、タイムゾーンをまたいで計画します。</translation>
    </message>
    <message>
        <source>Time zones: IANA {release}.</source>
        <translation>タイムゾーン: IANA {release}。</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Changed by someone else</source>
        <translation>他の人が変更しました</translation>
    </message>
    <message>
        <source>someone else</source>
        <translation>他の人</translation>
    </message>
    <message>
        <source>{who} saved {record} while you were editing it.</source>
        <translation>あなたの編集中に {who} さんが {record} を保存しました。</translation>
    </message>
    <message>
        <source>Merged by themselves: yours: {mine}; {who}&apos;s: {theirs}.</source>
        <translation>自動で統合した項目：あなたの変更：{mine}、{who} さんの変更：{theirs}。</translation>
    </message>
    <message>
        <source>Merged by themselves: yours: {mine}.</source>
        <translation>自動で統合した項目：あなたの変更：{mine}。</translation>
    </message>
    <message>
        <source>Merged by themselves: {who}&apos;s: {theirs}.</source>
        <translation>自動で統合した項目：{who} さんの変更：{theirs}。</translation>
    </message>
    <message>
        <source>You both changed the fields below: tick the value to keep.</source>
        <translation>下の項目は両方が変更しました。残す値にチェックを付けてください。</translation>
    </message>
    <message>
        <source>Nothing clashes: Save keeps their changes and yours.</source>
        <translation>競合はありません。保存すると相手の変更とあなたの変更の両方が残ります。</translation>
    </message>
    <message>
        <source>{who}&apos;s</source>
        <translation>{who} さんの値</translation>
    </message>
</context>
<context>
    <name>Month</name>
    <message>
        <source>New event</source>
        <translation>新しいイベント</translation>
    </message>
    <message>
        <source>All day  {title}</source>
        <translation>終日  {title}</translation>
    </message>
    <message>
        <source>{count} more</source>
        <translation>ほか{count}件</translation>
    </message>
</context>
<context>
    <name>MultiSelect</name>
    <message>
        <source>Search…</source>
        <translation>検索…</translation>
    </message>
    <message>
        <source>None chosen.</source>
        <translation>選択されていません。</translation>
    </message>
    <message>
        <source> and {count} more</source>
        <translation>、ほか{count}件</translation>
    </message>
    <message>
        <source>{count} chosen: {names}</source>
        <translation>{count}件選択: {names}</translation>
    </message>
</context>
<context>
    <name>OptionalDate</name>
    <message>
        <source>ddd d MMM yyyy</source>
        <translation>yyyy年M月d日(ddd)</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>未設定</translation>
    </message>
</context>
<context>
    <name>ParticipantDialog</name>
    <message>
        <source>Participant</source>
        <translation>参加者</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Email</source>
        <translation>メールアドレス(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Organisation</source>
        <translation>所属(&amp;O)</translation>
    </message>
    <message>
        <source>Ministry of Housing, Construction and Sanitation</source>
        <translation>住宅・建設・衛生省</translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation>役割(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Delegation</source>
        <translation>代表団(&amp;D)</translation>
    </message>
    <message>
        <source>Time &amp;zone</source>
        <translation>タイムゾーン(&amp;Z)</translation>
    </message>
    <message>
        <source>No delegation (Bank or city staff, speaker)</source>
        <extracomment>The fields the dialog&apos;s lists hold.</extracomment>
        <translation>代表団なし（世界銀行・市の職員、講演者）</translation>
    </message>
    <message>
        <source>As the delegation (else English)</source>
        <translation>代表団と同じ（なければ英語）</translation>
    </message>
    <message>
        <source>&amp;Writes to them in</source>
        <translation>送付する言語(&amp;W)</translation>
    </message>
    <message>
        <source>Joins from this zone, whatever the delegation&apos;s.</source>
        <translation>代表団のタイムゾーンに関係なく、このタイムゾーンから参加します。</translation>
    </message>
    <message>
        <source>Empty: the delegation&apos;s zone applies ({zone}).</source>
        <translation>空欄: 代表団のタイムゾーン（{zone}）を使います。</translation>
    </message>
    <message>
        <source>Empty: Tokyo time applies ({zone}).</source>
        <translation>空欄: 東京時間（{zone}）を使います。</translation>
    </message>
    <message>
        <source>Same as the delegation ({zone})</source>
        <translation>代表団と同じ（{zone}）</translation>
    </message>
    <message>
        <source>Type to search, or leave empty for Tokyo</source>
        <translation>入力して検索。空欄なら東京</translation>
    </message>
</context>
<context>
    <name>PartnerCityDialog</name>
    <message>
        <source>Partner city</source>
        <translation>連携都市</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>Name in &amp;Japanese</source>
        <translation>日本語名(&amp;J)</translation>
    </message>
    <message>
        <source>&amp;Prefecture</source>
        <translation>都道府県(&amp;P)</translation>
    </message>
    <message>
        <source>Prefecture &amp;in Japanese</source>
        <translation>都道府県の日本語名(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;MoU signed</source>
        <translation>MoU 締結日(&amp;M)</translation>
    </message>
    <message>
        <source>Selection &amp;round</source>
        <translation>選定ラウンド(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Signature experience</source>
        <translation>代表的な知見(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Contact</source>
        <translation>連絡先(&amp;C)</translation>
    </message>
    <message>
        <source>International Affairs Division</source>
        <translation>国際部</translation>
    </message>
    <message>
        <source>Contact &amp;email</source>
        <translation>連絡先メールアドレス(&amp;E)</translation>
    </message>
    <message>
        <source>Time &amp;zone</source>
        <translation>タイムゾーン(&amp;Z)</translation>
    </message>
    <message>
        <source>Coordinates</source>
        <translation>座標</translation>
    </message>
    <message>
        <source>latitude, e.g. 34.6901</source>
        <translation>緯度（例: 34.6901）</translation>
    </message>
    <message>
        <source>longitude, e.g. 135.1955</source>
        <translation>経度（例: 135.1955）</translation>
    </message>
    <message>
        <source>T&amp;hemes</source>
        <translation>テーマ(&amp;H)</translation>
    </message>
    <message>
        <source>Signed</source>
        <extracomment>The fields the dialog&apos;s lists hold.</extracomment>
        <translation>締結済み</translation>
    </message>
    <message>
        <source>Search themes…</source>
        <translation>テーマを検索…</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>システムの言語</translation>
    </message>
    <message>
        <source>The window changes to the new language at once; the undo history starts afresh.</source>
        <translation>ウィンドウはすぐに新しい言語に切り替わります。元に戻す履歴は新しく始まります。</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>paper &apos;{paper}&apos; is not known (choose {papers})</source>
        <translation>用紙「{paper}」は使えません（{papers} から選んでください）</translation>
    </message>
    <message>
        <source>Page {number} of {count}</source>
        <translation>{number} / {count}ページ</translation>
    </message>
    <message>
        <source>cannot draw on the printer or the file</source>
        <translation>プリンターまたはファイルに描画できません</translation>
    </message>
    <message>
        <source>cannot write {target}: {reason}</source>
        <translation>{target} を書き出せません: {reason}</translation>
    </message>
    <message>
        <source>cannot write {target}: no memory for the document</source>
        <translation>{target} を書き出せません: 文書のためのメモリーが足りません</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <source>The {kind} to edit no longer exists (id {id}); somebody may have deleted it. Refresh the list and try again.</source>
        <extracomment>Keys a values dict never carries: they belong to the store, not to the coordinator.</extracomment>
        <translation>編集する{kind}はもうありません（id {id}）。誰かが削除した可能性があります。一覧を再読み込みして、もう一度お試しください。</translation>
    </message>
    <message>
        <source>wait a moment: the lists to choose from are still being read.</source>
        <extracomment>When a dialog reads its lists if it has not painted by then (it is not shown, say). The reason OK waits while a dialog&apos;s lists are still being read.</extracomment>
        <translation>少しお待ちください: 選択肢の一覧をまだ読み込んでいます。</translation>
    </message>
    <message>
        <source>wait a moment: the record is still being read.</source>
        <extracomment>The reason OK waits while the record edited is still being read.</extracomment>
        <translation>少しお待ちください: 記録をまだ読み込んでいます。</translation>
    </message>
    <message>
        <source>No {kind} is called &apos;{name}&apos;: pick one from the list or clear the field.</source>
        <translation>「{name}」という{kind}はありません。一覧から選ぶか、欄を空にしてください。</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a {kind} in decimal degrees (such as 35.6706).</source>
        <translation>「{text}」は十進法の{kind}（35.6706 など）ではありません。</translation>
    </message>
    <message>
        <source>Close</source>
        <extracomment>What the window title calls the record (&quot;event&quot;, &quot;partner city&quot;). The value that names the record (&quot;title&quot; or &quot;name&quot;).</extracomment>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>the lists to choose from could not be read: {error}</source>
        <translation>選択肢の一覧を読み込めませんでした: {error}</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>作成</translation>
    </message>
    <message>
        <source>New {kind}</source>
        <translation>新しい{kind}</translation>
    </message>
    <message>
        <source>{kind}: {title}</source>
        <translation>{kind}: {title}</translation>
    </message>
    <message>
        <source>{problem} Pick one from the list.</source>
        <translation>{problem}一覧から選んでください。</translation>
    </message>
    <message>
        <source>the {kind} cannot be saved yet: {reasons}</source>
        <translation>{kind}はまだ保存できません: {reasons}</translation>
    </message>
    <message>
        <source>new {kind}</source>
        <translation>新しい{kind}</translation>
    </message>
</context>
<context>
    <name>RecordKind</name>
    <message>
        <source>event</source>
        <extracomment>``translate(context, text)``: the window&apos;s text in the language chosen. The kinds of record as the window names them in its questions and undo steps.</extracomment>
        <translation>イベント</translation>
    </message>
    <message>
        <source>delegation</source>
        <translation>代表団</translation>
    </message>
    <message>
        <source>participant</source>
        <translation>参加者</translation>
    </message>
    <message>
        <source>partner city</source>
        <translation>連携都市</translation>
    </message>
    <message>
        <source>venue</source>
        <translation>会場</translation>
    </message>
    <message>
        <source>thematic area</source>
        <translation>テーマ分野</translation>
    </message>
    <message>
        <source>knowledge product</source>
        <translation>ナレッジ・プロダクト</translation>
    </message>
    <message>
        <source>study tour</source>
        <translation>視察研修</translation>
    </message>
    <message>
        <source>tour day</source>
        <translation>視察研修の日</translation>
    </message>
    <message>
        <source>travel leg</source>
        <translation>移動区間</translation>
    </message>
    <message>
        <source>travel time</source>
        <translation>移動時間</translation>
    </message>
    <message>
        <source>hotel night</source>
        <translation>宿泊</translation>
    </message>
    <message>
        <source>theme</source>
        <translation>テーマ</translation>
    </message>
    <message>
        <source>record</source>
        <translation>記録</translation>
    </message>
    <message>
        <source>host</source>
        <translation>主催者</translation>
    </message>
    <message>
        <source>conference</source>
        <translation>会議</translation>
    </message>
    <message>
        <source>latitude</source>
        <translation>緯度</translation>
    </message>
    <message>
        <source>longitude</source>
        <translation>経度</translation>
    </message>
</context>
<context>
    <name>RecordKinds</name>
    <message>
        <source>Delegations</source>
        <translation>代表団</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>参加者</translation>
    </message>
    <message>
        <source>Venues</source>
        <translation>会場</translation>
    </message>
    <message>
        <source>Partner cities</source>
        <translation>連携都市</translation>
    </message>
    <message>
        <source>Themes</source>
        <translation>テーマ</translation>
    </message>
    <message>
        <source>Knowledge products</source>
        <translation>ナレッジ・プロダクト</translation>
    </message>
    <message>
        <source>Travel times</source>
        <translation>移動時間</translation>
    </message>
    <message>
        <source>Search…</source>
        <translation>検索…</translation>
    </message>
</context>
<context>
    <name>Records</name>
    <message>
        <source>New…</source>
        <translation>新規…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>編集…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
</context>
<context>
    <name>RecurrenceEditor</name>
    <message>
        <source>first</source>
        <translation>1</translation>
    </message>
    <message>
        <source>second</source>
        <translation>2</translation>
    </message>
    <message>
        <source>third</source>
        <translation>3</translation>
    </message>
    <message>
        <source>fourth</source>
        <translation>4</translation>
    </message>
    <message>
        <source>last</source>
        <translation>最終</translation>
    </message>
    <message>
        <source>After</source>
        <translation>回数で終了</translation>
    </message>
    <message>
        <source> meetings</source>
        <translation> 回</translation>
    </message>
    <message>
        <source>On</source>
        <translation>指定日に終了</translation>
    </message>
    <message>
        <source>ddd d MMM yyyy</source>
        <translation>yyyy年M月d日(ddd)</translation>
    </message>
    <message>
        <source>&amp;Repeats</source>
        <translation>繰り返し(&amp;R)</translation>
    </message>
    <message>
        <source>Every</source>
        <translation>間隔</translation>
    </message>
    <message>
        <source>On</source>
        <comment>weekdays</comment>
        <translation>曜日</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>終了条件</translation>
    </message>
    <message>
        <source>Does not repeat</source>
        <translation>繰り返さない</translation>
    </message>
    <message>
        <source>Weekly</source>
        <translation>毎週</translation>
    </message>
    <message>
        <source>Monthly on day {day}</source>
        <translation>毎月{day}日</translation>
    </message>
    <message>
        <source>Monthly on the {ordinal} {weekday}</source>
        <translation>毎月第{ordinal}{weekday}</translation>
    </message>
    <message>
        <source>Monthly on the last {weekday}</source>
        <translation>毎月最終{weekday}</translation>
    </message>
    <message>
        <source>As imported: {rule}</source>
        <translation>読み込んだとおり: {rule}</translation>
    </message>
    <message>
        <source>week(s)</source>
        <translation>週ごと</translation>
    </message>
    <message>
        <source>month(s)</source>
        <translation>か月ごと</translation>
    </message>
</context>
<context>
    <name>ReportColumns</name>
    <message>
        <source>Kind</source>
        <extracomment>The headings and row labels of the report&apos;s tables (the core writes them in English for the workbook), as the window shows them.</extracomment>
        <translation>種類</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>形式</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>テーマ</translation>
    </message>
    <message>
        <source>Partner city</source>
        <translation>連携都市</translation>
    </message>
    <message>
        <source>Delegation</source>
        <translation>代表団</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>会合数</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>時間数</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>中止</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>タイトル</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>公開日</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（なし）</translation>
    </message>
    <message>
        <source>(no theme)</source>
        <translation>（テーマなし）</translation>
    </message>
    <message>
        <source>(no partner city)</source>
        <translation>（連携都市なし）</translation>
    </message>
    <message>
        <source>(no delegation)</source>
        <translation>（代表団なし）</translation>
    </message>
</context>
<context>
    <name>ReportMenu</name>
    <message>
        <source>Export agenda…</source>
        <translation>一覧を書き出す…</translation>
    </message>
    <message>
        <source>Write the agenda the calendar shows (its filters and dates) to Excel or CSV</source>
        <translation>カレンダーに表示中の一覧（フィルターと期間）を Excel または CSV に書き出す</translation>
    </message>
    <message>
        <source>Program report…</source>
        <translation>プログラム報告…</translation>
    </message>
    <message>
        <source>Meetings and hours by theme, city, delegation and country; what was left out</source>
        <translation>テーマ・都市・代表団・国ごとの会合数と時間、および扱わなかったもの</translation>
    </message>
    <message>
        <source>Export the agenda</source>
        <translation>一覧を書き出す</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx);;CSV for Excel (*.csv)</source>
        <translation>Excel ブック (*.xlsx);;Excel 用 CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export agenda</source>
        <translation>一覧の書き出し</translation>
    </message>
    <message>
        <source>{file} was not written: {error}</source>
        <translation>{file} を書き出せませんでした: {error}</translation>
    </message>
</context>
<context>
    <name>ReportView</name>
    <message>
        <source>Left out: no meeting was held in this period</source>
        <translation>扱わなかったもの: この期間に会合はありませんでした</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>時間数</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>時間</translation>
    </message>
    <message>
        <source>Program report</source>
        <translation>プログラム報告</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>表示</translation>
    </message>
    <message>
        <source>Save as spreadsheet…</source>
        <translation>表計算ファイルとして保存…</translation>
    </message>
    <message>
        <source>From</source>
        <translation>期間</translation>
    </message>
    <message>
        <source>to</source>
        <translation>～</translation>
    </message>
    <message>
        <source>(whole days in Tokyo)</source>
        <translation>（東京時間の終日単位）</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>PDF として保存…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>印刷…</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>形式</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>テーマ</translation>
    </message>
    <message>
        <source>City</source>
        <translation>連携都市</translation>
    </message>
    <message>
        <source>Delegation</source>
        <translation>代表団</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>ナレッジ・プロダクト</translation>
    </message>
    <message>
        <source>Hours by theme</source>
        <translation>テーマ別の時間数</translation>
    </message>
    <message>
        <source>Hours by partner city</source>
        <translation>連携都市別の時間数</translation>
    </message>
    <message>
        <source>yyyy-MM-dd</source>
        <translation>yyyy年M月d日</translation>
    </message>
    <message>
        <source>The last day is before the first: choose the period again.</source>
        <translation>最終日が初日より前です。期間を選び直してください。</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>集計しています…</translation>
    </message>
    <message>
        <source>Could not make the report: {error}</source>
        <translation>報告書を作成できませんでした: {error}</translation>
    </message>
    <message>
        <source>The program has changed since this count: press Show to count again.</source>
        <translation>集計後にプログラムが変更されました。「表示」を押して集計し直してください。</translation>
    </message>
    <message>
        <source>{label} (left out)</source>
        <translation>{label}（扱わなかった）</translation>
    </message>
    <message>
        <source>Save the report as a spreadsheet</source>
        <translation>報告書をスプレッドシートとして保存</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel ブック (*.xlsx)</translation>
    </message>
    <message>
        <source>Writing {file}…</source>
        <translation>{file} を書き出しています…</translation>
    </message>
    <message>
        <source>Could not save the spreadsheet: {error}</source>
        <translation>スプレッドシートを保存できませんでした: {error}</translation>
    </message>
    <message>
        <source>Building the printed report…</source>
        <translation>印刷用の報告書を作成しています…</translation>
    </message>
    <message>
        <source>Could not make the printed report: {error}</source>
        <translation>印刷用の報告書を作成できませんでした: {error}</translation>
    </message>
    <message>
        <source>Save the report as a PDF</source>
        <translation>報告書を PDF として保存</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF ファイル (*.pdf)</translation>
    </message>
    <message>
        <source>Could not save the PDF: {error}</source>
        <translation>PDF を保存できませんでした: {error}</translation>
    </message>
    <message>
        <source>Cannot save the PDF</source>
        <translation>PDF を保存できません</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>Search titles, venues, delegations…</source>
        <translation>タイトル・会場・代表団を検索…</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>すべての種類</translation>
    </message>
    <message>
        <source>All modes</source>
        <translation>すべての形式</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>すべての状態</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>フィルターを解除</translation>
    </message>
    <message>
        <source>Partner city</source>
        <translation>連携都市</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>テーマ</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>形式</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Delegation</source>
        <translation>代表団</translation>
    </message>
    <message>
        <source>Participant</source>
        <translation>参加者</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>フィルター</translation>
    </message>
    <message>
        <source>All partner cities</source>
        <translation>すべての連携都市</translation>
    </message>
    <message>
        <source>All themes</source>
        <translation>すべてのテーマ</translation>
    </message>
    <message>
        <source>All delegations</source>
        <translation>すべての代表団</translation>
    </message>
    <message>
        <source>All participants</source>
        <translation>すべての参加者</translation>
    </message>
</context>
<context>
    <name>SlotFinder</name>
    <message>
        <source>Once</source>
        <translation>1回のみ</translation>
    </message>
    <message>
        <source>Every week</source>
        <translation>毎週</translation>
    </message>
    <message>
        <source>Every two weeks</source>
        <translation>隔週</translation>
    </message>
    <message>
        <source>Every month</source>
        <translation>毎月</translation>
    </message>
    <message>
        <source>None: online</source>
        <translation>なし: オンライン</translation>
    </message>
    <message>
        <source>&lt;b&gt;The series&lt;/b&gt; (each meeting with its points)</source>
        <translation>&lt;b&gt;シリーズ&lt;/b&gt;（各回とその点数）</translation>
    </message>
    <message>
        <source>Use this time</source>
        <translation>この日時を使う</translation>
    </message>
    <message>
        <source>Put the chosen start and end into the event</source>
        <translation>選んだ開始・終了をイベントに入れる</translation>
    </message>
    <message>
        <source>Find a time for the event</source>
        <translation>イベントの日時を探す</translation>
    </message>
    <message>
        <source>{host} · host</source>
        <translation>{host} · 主催者</translation>
    </message>
    <message>
        <source>The host is always in the room: its working hours count like a delegation&apos;s. Untick to leave them out.</source>
        <translation>主催者は常に出席します。その勤務時間は代表団と同様に考慮されます。考慮しない場合はチェックを外してください。</translation>
    </message>
    <message>
        <source>Create the series</source>
        <translation>繰り返しのイベントを作成</translation>
    </message>
    <message>
        <source>Create the event</source>
        <translation>イベントを作成</translation>
    </message>
    <message>
        <source>Weighing every start time…</source>
        <translation>すべての開始時刻を比較しています…</translation>
    </message>
    <message>
        <source>The event keeps its length.</source>
        <translation>イベントの所要時間はそのままです。</translation>
    </message>
    <message>
        <source>Each row in its own local hours; columns are hours in Tokyo, {period}.</source>
        <translation>各行はそれぞれの現地時刻、各列は東京時間の時刻です（{period}）。</translation>
    </message>
    <message>
        <source>{series}; double-click one, or press the button, to {what}.</source>
        <translation>{series}。回をダブルクリックするかボタンを押すと{what}。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Why:&lt;/b&gt;</source>
        <translation>&lt;b&gt;理由:&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Chosen: {time} Tokyo, a clash: {booked}. Press the button to {what} all the same.</source>
        <translation>選択: 東京 {time}、競合があります: {booked}。それでもボタンを押すと{what}。</translation>
    </message>
    <message>
        <source>Chosen: {time} Tokyo. Double-click the hour or press the button to {what}.</source>
        <translation>選択: 東京 {time}。時間をダブルクリックするかボタンを押すと{what}。</translation>
    </message>
    <message>
        <source>Use this time despite the clash</source>
        <translation>競合を承知でこの日時を使う</translation>
    </message>
    <message>
        <source>Create despite the clash</source>
        <translation>競合を承知で作成</translation>
    </message>
    <message>
        <source>create the series</source>
        <translation>シリーズを作成します</translation>
    </message>
    <message>
        <source>create the event</source>
        <translation>イベントを作成します</translation>
    </message>
    <message>
        <source>use it for the event</source>
        <translation>イベントに使います</translation>
    </message>
    <message>
        <source>Created &apos;{title}&apos; on {time} Tokyo</source>
        <translation>「{title}」を東京 {time} に作成しました</translation>
    </message>
    <message>
        <source> and {count} more meetings</source>
        <translation>（ほか{count}回の会合）</translation>
    </message>
    <message>
        <source>. Undo with Ctrl+Z.</source>
        <translation>。Ctrl+Z で元に戻せます。</translation>
    </message>
    <message>
        <source>Created the series &apos;{title}&apos;: {meetings} meetings, each at its planned time. Undo with Ctrl+Z.</source>
        <translation>繰り返しのイベント「{title}」を作成しました: 会合{meetings}回、それぞれ計画した時刻です。Ctrl+Z で元に戻せます。</translation>
    </message>
    <message>
        <source>Cannot create the event</source>
        <translation>イベントを作成できません</translation>
    </message>
    <message>
        <source>Meeting of {names}</source>
        <translation>{names} の会合</translation>
    </message>
    <message>
        <source>Create series &apos;{named}&apos; ({count} meetings)</source>
        <translation>繰り返しのイベント「{named}」を作成（会合{count}回）</translation>
    </message>
    <message>
        <source>{name}
host · {where}</source>
        <translation>{name}
主催者 · {where}</translation>
    </message>
</context>
<context>
    <name>SlotFinderDialog</name>
    <message>
        <source>Find a time</source>
        <translation>日時を探す</translation>
    </message>
    <message>
        <source>&lt;b&gt;Who must attend&lt;/b&gt;</source>
        <translation>&lt;b&gt;必ず出席する人&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Filter delegations and people</source>
        <translation>代表団と参加者を絞り込む</translation>
    </message>
    <message>
        <source>Tick who must attend. The host is listed first: TDLC is always in the room, and untick it only to leave its hours out.</source>
        <translation>必ず出席する人にチェックを入れてください。主催者が先頭にあります。TDLC は常に同席します。勤務時間を考慮しない場合だけチェックを外してください。</translation>
    </message>
    <message>
        <source>Hosted &amp;by</source>
        <translation>主催(&amp;B)</translation>
    </message>
    <message>
        <source>Who runs the meeting and is in the room: TDLC in Tokyo, or a partner city&apos;s office. Its working hours count like a delegation&apos;s.</source>
        <translation>会合を運営し会場にいる主催者: 東京の TDLC、または連携都市の事務所。代表団と同じように勤務時間が考慮されます。</translation>
    </message>
    <message>
        <source>&amp;Duration</source>
        <translation>所要時間(&amp;D)</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>開始(&amp;F)</translation>
    </message>
    <message>
        <source>ddd d MMM yyyy</source>
        <translation>yyyy年M月d日(ddd)</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>終了(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Venue</source>
        <translation>会場(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Repeat</source>
        <translation>繰り返し(&amp;R)</translation>
    </message>
    <message>
        <source> meetings</source>
        <translation> 回</translation>
    </message>
    <message>
        <source>&lt;b&gt;The event&lt;/b&gt;</source>
        <translation>&lt;b&gt;イベント&lt;/b&gt;</translation>
    </message>
    <message>
        <source>T&amp;itle</source>
        <translation>タイトル(&amp;I)</translation>
    </message>
    <message>
        <source>Title of the meeting</source>
        <translation>会合のタイトル</translation>
    </message>
    <message>
        <source>Video &amp;link</source>
        <translation>ビデオ会議のリンク(&amp;L)</translation>
    </message>
    <message>
        <source>https://… (for an online meeting)</source>
        <translation>https://…（オンライン会合の場合）</translation>
    </message>
    <message>
        <source>Name at least one delegation or participant who must attend.</source>
        <translation>出席が必要な代表団か参加者を1つ以上指定してください。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Best times&lt;/b&gt; (fewest points first)</source>
        <translation>&lt;b&gt;候補の日時&lt;/b&gt;（点数の少ない順）</translation>
    </message>
    <message>
        <source>Create the event</source>
        <translation>イベントを作成</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
</context>
<context>
    <name>SuggestionModel</name>
    <message>
        <source>Suggestion (Tokyo)</source>
        <translation>候補（東京）</translation>
    </message>
    <message>
        <source>Inconvenience</source>
        <translation>負担</translation>
    </message>
</context>
<context>
    <name>ThemeDialog</name>
    <message>
        <source>Thematic area</source>
        <translation>テーマ分野</translation>
    </message>
    <message>
        <source>&amp;Code</source>
        <translation>コード(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>Name in &amp;Japanese</source>
        <translation>日本語名(&amp;J)</translation>
    </message>
    <message>
        <source>&amp;Part of area</source>
        <translation>上位の分野(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Description</source>
        <translation>説明(&amp;D)</translation>
    </message>
    <message>
        <source>None: a top-level area of the program</source>
        <extracomment>The fields the dialog&apos;s lists hold.</extracomment>
        <translation>なし: プログラムの最上位の分野</translation>
    </message>
</context>
<context>
    <name>TimeGrid</name>
    <message>
        <source>{first} or {second}</source>
        <translation>{first} または {second}</translation>
    </message>
    <message>
        <source>New event</source>
        <translation>新しいイベント</translation>
    </message>
    <message>
        <source>Move &apos;{title}&apos;</source>
        <translation>「{title}」を移動</translation>
    </message>
    <message>
        <source>Change the end of &apos;{title}&apos;</source>
        <translation>「{title}」の終了を変更</translation>
    </message>
</context>
<context>
    <name>TimeRange</name>
    <message>
        <source>to</source>
        <translation>～</translation>
    </message>
</context>
<context>
    <name>Tools</name>
    <message>
        <source>Find a time…</source>
        <translation>日時を探す…</translation>
    </message>
    <message>
        <source>Find the time that suits every delegation (Ctrl+Shift+F)</source>
        <translation>すべての代表団に都合のよい日時を探す (Ctrl+Shift+F)</translation>
    </message>
    <message>
        <source>Study tours…</source>
        <translation>視察研修…</translation>
    </message>
    <message>
        <source>Plan a delegation&apos;s study tour day by day</source>
        <translation>代表団の視察研修を日ごとに計画する</translation>
    </message>
    <message>
        <source>Delegation schedule…</source>
        <translation>代表団のスケジュール…</translation>
    </message>
    <message>
        <source>A delegation&apos;s schedule in its own time and in Tokyo time</source>
        <translation>代表団のスケジュールを本国時間と東京時間で表示</translation>
    </message>
    <message>
        <source>Export calendar…</source>
        <translation>カレンダーを書き出す…</translation>
    </message>
    <message>
        <source>Write calendar files (.ics) for an event, a delegation, a person or the program (Ctrl+E)</source>
        <translation>イベント・代表団・個人・プログラム全体のカレンダーファイル（.ics）を書き出す (Ctrl+E)</translation>
    </message>
    <message>
        <source>Import calendar…</source>
        <translation>カレンダーを読み込む…</translation>
    </message>
    <message>
        <source>Read events from a calendar file (.ics)</source>
        <translation>カレンダーファイル（.ics）からイベントを読み込む</translation>
    </message>
    <message>
        <source>Send invitations…</source>
        <translation>招待を送信…</translation>
    </message>
    <message>
        <source>Email each participant an invitation their calendar shows with Accept and Decline</source>
        <translation>参加者ごとに、カレンダーで承諾・辞退できる招待メールを送ります</translation>
    </message>
    <message>
        <source>Send updates…</source>
        <translation>更新を送信…</translation>
    </message>
    <message>
        <source>Tell only those whose events changed since their last message</source>
        <translation>前回のメッセージ以降にイベントが変わった人だけに通知します</translation>
    </message>
    <message>
        <source>What changed since last sent…</source>
        <translation>前回の送信以降の変更…</translation>
    </message>
    <message>
        <source>Per participant, what moved, was cancelled or changed since they were told</source>
        <translation>参加者ごとに、通知後に移動・中止・変更されたもの</translation>
    </message>
    <message>
        <source>Replies…</source>
        <translation>回答…</translation>
    </message>
    <message>
        <source>Who accepted, declined or may come; import the replies that came back</source>
        <translation>出席・欠席・仮承諾の状況。届いた回答を読み込みます</translation>
    </message>
    <message>
        <source>Mail settings…</source>
        <translation>メール設定…</translation>
    </message>
    <message>
        <source>The mail server, the sender, and a test message</source>
        <translation>メールサーバー、差出人、テストメール</translation>
    </message>
    <message>
        <source>Your name…</source>
        <translation>あなたの名前…</translation>
    </message>
    <message>
        <source>The name your changes are recorded under in the history</source>
        <translation>履歴にあなたの変更を記録する名前</translation>
    </message>
    <message>
        <source>Conflicts not checked</source>
        <translation>競合は未確認</translation>
    </message>
    <message>
        <source>same day</source>
        <translation>同日</translation>
    </message>
    <message>
        <source>{days} days</source>
        <translation>{days}日</translation>
    </message>
    <message>
        <source>{days} day</source>
        <translation>{days}日</translation>
    </message>
    <message>
        <source>Whole program</source>
        <translation>プログラム全体</translation>
    </message>
    <message>
        <source>Dates shown</source>
        <translation>表示中の期間</translation>
    </message>
    <message>
        <source>Cannot check: {error}</source>
        <translation>確認できません: {error}</translation>
    </message>
    <message>
        <source>{count} in the dates shown</source>
        <translation>表示中の日付で{count}</translation>
    </message>
    <message>
        <source> against the event&apos;s own date</source>
        <translation>（イベント自体の日付と比べて）</translation>
    </message>
    <message>
        <source>{name} ({zone}): {span}
Working hours {work}, acceptable {acceptable}</source>
        <translation>{name}（{zone}）: {span}
勤務時間 {work}、参加可能な時間帯 {acceptable}</translation>
    </message>
    <message>
        <source>
Visiting Japan: on Tokyo time</source>
        <translation>
来日中: 東京時間</translation>
    </message>
</context>
<context>
    <name>TourBuilder</name>
    <message>
        <source>Day {number} · {day}</source>
        <translation>{number}日目 · {day}</translation>
    </message>
    <message>
        <source>Add a {kind} on {day}</source>
        <translation>{day}に{kind}を追加</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分</translation>
    </message>
    <message>
        <source>No venue</source>
        <translation>会場なし</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>タイトル</translation>
    </message>
    <message>
        <source>Starts (Tokyo)</source>
        <translation>開始（東京）</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>長さ</translation>
    </message>
    <message>
        <source>Venue</source>
        <translation>会場</translation>
    </message>
    <message>
        <source>Insert a travel leg on {day}</source>
        <translation>{day}に移動区間を挿入</translation>
    </message>
    <message>
        <source>From</source>
        <translation>出発地</translation>
    </message>
    <message>
        <source>To</source>
        <translation>到着地</translation>
    </message>
    <message>
        <source>By</source>
        <translation>交通手段</translation>
    </message>
    <message>
        <source>Departs (Tokyo)</source>
        <translation>出発（東京）</translation>
    </message>
    <message>
        <source>Journey</source>
        <translation>所要時間</translation>
    </message>
    <message>
        <source>Give the journey&apos;s length.</source>
        <translation>所要時間を入力してください。</translation>
    </message>
    <message>
        <source>The leg will last the length given; until the route is in the travel-time table, the conflict check will warn that it cannot check it.</source>
        <translation>この区間は入力した所要時間で登録されます。経路が所要時間表に追加されるまで、競合チェックはこの区間を確認できないと警告します。</translation>
    </message>
    <message>
        <source>not in the travel-time table</source>
        <translation>移動時間の表にありません</translation>
    </message>
    <message>
        <source>Study tours</source>
        <translation>視察研修</translation>
    </message>
    <message>
        <source>Tour</source>
        <translation>視察研修</translation>
    </message>
    <message>
        <source>Add site visit…</source>
        <translation>現地視察を追加…</translation>
    </message>
    <message>
        <source>Add workshop…</source>
        <translation>ワークショップを追加…</translation>
    </message>
    <message>
        <source>Insert travel leg…</source>
        <translation>移動区間を挿入…</translation>
    </message>
    <message>
        <source>◀ Move day earlier</source>
        <translation>◀ 1 日前へ</translation>
    </message>
    <message>
        <source>Move day later ▶</source>
        <translation>1 日後へ ▶</translation>
    </message>
    <message>
        <source>Nothing to move: neither this day nor the day before has anything planned.</source>
        <translation>移動するものがありません。この日にも前日にも予定がありません。</translation>
    </message>
    <message>
        <source>Nothing to move: neither this day nor the day after has anything planned.</source>
        <translation>移動するものがありません。この日にも翌日にも予定がありません。</translation>
    </message>
    <message>
        <source>{refusal} The board now shows the tour as it is.</source>
        <translation>{refusal}ボードには現在の視察研修を表示しています。</translation>
    </message>
    <message>
        <source>Add {kind} &apos;{title}&apos; to {day}</source>
        <translation>{day}に{kind}「{title}」を追加</translation>
    </message>
    <message>
        <source>The travel-time table has no journey from {origin} to {destination} by {mode}; add it under Program first.</source>
        <translation>移動時間表に {origin} から {destination} への{mode}の移動がありません。先に「プログラム」メニューで追加してください。</translation>
    </message>
    <message>
        <source>Insert the leg {origin} → {destination} on {day}</source>
        <translation>{day}に移動区間 {origin} → {destination} を挿入</translation>
    </message>
    <message>
        <source>Move the program of {day} to {other}</source>
        <translation>{day}の予定を{other}に移動</translation>
    </message>
    <message>
        <source>Cannot change the tour</source>
        <translation>視察研修を変更できません</translation>
    </message>
</context>
<context>
    <name>TravelTimeDialog</name>
    <message>
        <source>Tokyo, Kobe, Kitakyushu…</source>
        <extracomment>A new journey&apos;s length until the coordinator gives it: an hour.</extracomment>
        <translation>東京、神戸、北九州…</translation>
    </message>
    <message>
        <source>Travel time</source>
        <translation>移動時間</translation>
    </message>
    <message>
        <source>A journey door to door. One route serves both directions; where a journey can be made in several ways, the conflict check takes the fastest and adds a buffer.</source>
        <translation>出発地から到着地までの所要時間です。1つの経路で往復の両方向に使われます。複数の交通手段がある場合、競合チェックは最も速いものを取り、余裕時間を加えます。</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>出発地(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>到着地(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;By</source>
        <translation>交通手段(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Journey</source>
        <translation>所要時間(&amp;J)</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分</translation>
    </message>
</context>
<context>
    <name>Validation</name>
    <message>
        <source>To save: {reasons}</source>
        <translation>保存するには: {reasons}</translation>
    </message>
    <message>
        <source> ({count} more)</source>
        <translation>（ほか{count}件）</translation>
    </message>
</context>
<context>
    <name>VenueDialog</name>
    <message>
        <source>Venue</source>
        <translation>会場</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>Name in &amp;Japanese</source>
        <translation>日本語名(&amp;J)</translation>
    </message>
    <message>
        <source>&amp;Locality</source>
        <translation>所在都市(&amp;L)</translation>
    </message>
    <message>
        <source>Partner &amp;city</source>
        <translation>連携都市(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation>住所(&amp;A)</translation>
    </message>
    <message>
        <source>Ca&amp;pacity</source>
        <translation>定員(&amp;P)</translation>
    </message>
    <message>
        <source> people</source>
        <translation> 人</translation>
    </message>
    <message>
        <source>&amp;Opening hours</source>
        <translation>利用可能時間(&amp;O)</translation>
    </message>
    <message>
        <source>Time &amp;zone</source>
        <translation>タイムゾーン(&amp;Z)</translation>
    </message>
    <message>
        <source>Equipment</source>
        <translation>設備</translation>
    </message>
    <message>
        <source>&amp;Videoconference equipment</source>
        <translation>ビデオ会議設備(&amp;V)</translation>
    </message>
    <message>
        <source>Interpretation &amp;booths</source>
        <translation>通訳ブース(&amp;B)</translation>
    </message>
    <message>
        <source>Coordinates</source>
        <translation>座標</translation>
    </message>
    <message>
        <source>latitude, e.g. 35.6706</source>
        <translation>緯度（例: 35.6706）</translation>
    </message>
    <message>
        <source>longitude, e.g. 139.7570</source>
        <translation>経度（例: 139.7570）</translation>
    </message>
    <message>
        <source>No&amp;tes</source>
        <translation>メモ(&amp;T)</translation>
    </message>
    <message>
        <source>Not in a partner city (TDLC, Tokyo)</source>
        <extracomment>The fields the dialog&apos;s lists hold.</extracomment>
        <translation>連携都市以外（TDLC、東京）</translation>
    </message>
    <message>
        <source>Tokyo, Kobe, Yokohama…</source>
        <translation>東京、神戸、横浜…</translation>
    </message>
</context>
<context>
    <name>Venues</name>
    <message>
        <source>Day</source>
        <extracomment>The zooms offered, in days shown, with their button text.</extracomment>
        <translation>日</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>週</translation>
    </message>
    <message>
        <source>2 weeks</source>
        <translation>2 週間</translation>
    </message>
    <message>
        <source>Show</source>
        <extracomment>The narrowest a day may be at each zoom before the timeline scrolls sideways. Hour label steps, finest first; a step is used when its labels are this far apart. Day labels, longest first; the first that fits the day&apos;s width is shown.</extracomment>
        <translation>表示</translation>
    </message>
    <message>
        <source>Show {span} of bookings</source>
        <translation>予約を{span}単位で表示</translation>
    </message>
    <message>
        <source>Venues, {period}</source>
        <translation>会場別、{period}</translation>
    </message>
    <message>
        <source>Venues, {first} – {last}</source>
        <translation>会場 {first}～{last}</translation>
    </message>
    <message>
        <source>All day</source>
        <translation>終日</translation>
    </message>
    <message>
        <source>  No venues yet: add them with Program &gt; Venues.</source>
        <translation>  会場はまだありません。「プログラム」&gt;「会場」で追加してください。</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <source>Welcome to CPP Scheduler</source>
        <translation>CPP Scheduler へようこそ</translation>
    </message>
</context>
<context>
    <name>WelcomePanel</name>
    <message>
        <source>This program has no events yet. Start from the demo program to see how a study tour, a conference at TDLC and a videoconference series look, import a program file from a colleague, or begin with an empty calendar.</source>
        <translation>このプログラムにはまだイベントがありません。デモ用プログラムで視察研修、TDLC での会議、ビデオ会議シリーズの例を見るか、同僚のプログラムファイルを読み込むか、空のカレンダーから始めてください。</translation>
    </message>
    <message>
        <source>Load the demo program</source>
        <translation>デモ用プログラムを読み込む</translation>
    </message>
    <message>
        <source>Half a year of City Partnership Program events with delegations, venues and partner cities, to explore and change freely.</source>
        <translation>代表団・会場・連携都市を含む半年分の都市パートナーシップ・プログラムのイベント。自由に見て、変更できます。</translation>
    </message>
    <message>
        <source>Import a program file</source>
        <translation>プログラムファイルを読み込む</translation>
    </message>
    <message>
        <source>Open a CPP Scheduler program file (.json) exported from another computer.</source>
        <translation>別のコンピューターから書き出した CPP Scheduler のプログラムファイル（.json）を開きます。</translation>
    </message>
    <message>
        <source>Start empty</source>
        <translation>空のカレンダーで始める</translation>
    </message>
    <message>
        <source>Plan from a blank calendar; the reference data is already there.</source>
        <translation>空のカレンダーから計画します。参照データは登録済みです。</translation>
    </message>
</context>
<context>
    <name>WindowEditing</name>
    <message>
        <source>Cannot open the editor</source>
        <translation>編集画面を開けません</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>保存できません</translation>
    </message>
    <message>
        <source>New event</source>
        <translation>新しいイベント</translation>
    </message>
    <message>
        <source>Cannot delete</source>
        <translation>削除できません</translation>
    </message>
    <message>
        <source>Delete event</source>
        <translation>イベントを削除</translation>
    </message>
    <message>
        <source>Deleting it tells them nothing: it stays in their calendars. Mark it cancelled instead, then send updates (Tools &gt; Send updates…) to tell them; once they are told, it can be deleted.</source>
        <translation>削除しても参加者には何も伝わらず、予定はカレンダーに残ります。代わりに中止にしてから、更新を送信して（ツール &gt; 更新を送信…）知らせてください。知らせた後なら削除できます。</translation>
    </message>
    <message>
        <source>Mark it cancelled</source>
        <translation>中止にする</translation>
    </message>
    <message>
        <source>Delete anyway</source>
        <translation>それでも削除</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>残す</translation>
    </message>
    <message>
        <source>&apos;{title}&apos; is cancelled: Tools &gt; Send updates… tells its participants.</source>
        <translation>「{title}」を中止にしました。ツール &gt; 更新を送信… で参加者に知らせます。</translation>
    </message>
    <message>
        <source>Cancel event &apos;{title}&apos;</source>
        <translation>イベント「{title}」を中止</translation>
    </message>
    <message>
        <source>Cannot cancel the event</source>
        <translation>イベントを中止できません</translation>
    </message>
    <message>
        <source>Cannot cancel the meeting</source>
        <translation>会合を中止できません</translation>
    </message>
    <message>
        <source>Not a series</source>
        <translation>繰り返しのイベントではありません</translation>
    </message>
    <message>
        <source>&apos;{title}&apos; meets once; to call it off, set its status to Cancelled in its editor, or delete it.</source>
        <translation>「{title}」は1回だけの会合です。取りやめるには、編集画面で状態を「中止」にするか、削除してください。</translation>
    </message>
    <message>
        <source>Cancel one meeting</source>
        <translation>1 回の会合を中止</translation>
    </message>
    <message>
        <source>Which meeting of &apos;{title}&apos; is cancelled?
(times in {zone}; the other meetings stay as they are)</source>
        <translation>「{title}」のどの回を中止しますか？
（時刻は {zone}。ほかの回はそのままです）</translation>
    </message>
    <message>
        <source>Cannot move the event</source>
        <translation>イベントを移動できません</translation>
    </message>
    <message>
        <source>Edit {kind} &apos;{title}&apos;</source>
        <translation>{kind}「{title}」を編集</translation>
    </message>
    <message>
        <source>Saved as a new {kind}: &apos;{title}&apos;.</source>
        <translation>新しい{kind}として保存しました：「{title}」。</translation>
    </message>
    <message>
        <source>Saved as a new {kind}: &apos;{title}&apos;; {dropped}.</source>
        <translation>新しい{kind}として保存しました：「{title}」。{dropped}。</translation>
    </message>
    <message>
        <source>Delete the {kind} &apos;{title}&apos;?</source>
        <translation>{kind}「{title}」を削除しますか？</translation>
    </message>
    <message>
        <source>To call off one meeting alone, cancel that meeting instead (Edit &gt; Cancel one meeting of the series…).</source>
        <translation>1回の会合だけを取りやめるには、代わりにその会合を中止してください（「編集」&gt;「シリーズの1回を中止…」）。</translation>
    </message>
    <message>
        <source>To call off only the meeting of {day}, cancel that meeting instead (Edit &gt; Cancel one meeting of the series…).</source>
        <translation>{day}の会合だけを取りやめるには、代わりにその会合を中止してください（「編集」&gt;「シリーズの1回を中止…」）。</translation>
    </message>
    <message>
        <source>The meeting of {meeting} is the last of &apos;{title}&apos; still held.</source>
        <translation>{meeting}の会合は「{title}」でまだ開かれる最後の会合です。</translation>
    </message>
    <message>
        <source>Cancelling it leaves the event with no meeting: the calendar and the event list no longer show it. To call the event off, cancel the whole event instead: it stays in the calendar, marked cancelled, and Tools &gt; Send updates… tells its participants.</source>
        <translation>中止すると会合のないイベントになり、カレンダーにもイベント一覧にも表示されなくなります。イベントを取りやめるには、代わりにイベント全体を中止してください: カレンダーに中止として残り、「ツール」&gt;「更新を送信…」で参加者に知らせます。</translation>
    </message>
    <message>
        <source>Cancel the whole event</source>
        <translation>イベント全体を中止</translation>
    </message>
    <message>
        <source>Cancel the meeting anyway</source>
        <translation>それでも会合を中止</translation>
    </message>
    <message>
        <source>You can undo this (Ctrl+Z).</source>
        <translation>元に戻すこともできます（Ctrl+Z）。</translation>
    </message>
    <message>
        <source>Delete {kind}</source>
        <translation>{kind}を削除</translation>
    </message>
    <message>
        <source>Delete the {kind} &apos;{title}&apos;?

Its links to other records go with it. You can undo this (Ctrl+Z).</source>
        <translation>{kind}「{title}」を削除しますか？

ほかの記録とのつながりも削除されます。元に戻すこともできます（Ctrl+Z）。</translation>
    </message>
    <message>
        <source>{when} (moved from {original})</source>
        <translation>{when}（{original} から移動）</translation>
    </message>
    <message>
        <source>Tools &gt; Send updates…</source>
        <translation>「ツール」&gt;「更新を送信…」</translation>
    </message>
    <message>
        <source>Cannot refresh the calendar</source>
        <translation>カレンダーを更新できません</translation>
    </message>
</context>
<context>
    <name>ZonePicker</name>
    <message>
        <source>Type to search: Tokyo, Lima, Kathmandu…</source>
        <translation>入力して検索: Tokyo, Lima, Kathmandu…</translation>
    </message>
    <message>
        <source>UTC{offset} now</source>
        <translation>現在 UTC{offset}</translation>
    </message>
</context>
<context>
    <name>ZoneSelector</name>
    <message>
        <source>Show times in another zone: pick one or type a city or zone</source>
        <translation>別のタイムゾーンで時刻を表示: 選ぶか、都市名・タイムゾーンを入力</translation>
    </message>
    <message>
        <source>Show times in</source>
        <translation>表示するタイムゾーン</translation>
    </message>
    <message>
        <source>Type a city or zone…</source>
        <translation>都市名・タイムゾーンを入力…</translation>
    </message>
    <message>
        <source>{zone} — Tokyo, TDLC</source>
        <translation>{zone} — 東京、TDLC</translation>
    </message>
    <message>
        <source>{zone} — this computer</source>
        <translation>{zone} — このコンピューター</translation>
    </message>
    <message>
        <source>this computer</source>
        <translation>このコンピューター</translation>
    </message>
    <message>
        <source>{zone} — Washington, World Bank</source>
        <translation>{zone} — ワシントン、世界銀行</translation>
    </message>
    <message>
        <source>World Bank</source>
        <translation>世界銀行</translation>
    </message>
    <message>
        <source>Times in {zone}</source>
        <translation>{zone} の時刻で表示</translation>
    </message>
    <message>
        <source>Every view shows wall-clock times in {zone}; time-zone data IANA {release}.</source>
        <translation>すべての表示は {zone} の時刻です。タイムゾーンのデータ: IANA {release}。</translation>
    </message>
</context>
</TS>
