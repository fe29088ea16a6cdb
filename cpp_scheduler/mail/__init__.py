"""Invitations by email: the messages (iMIP, RFC 6047), the ways they leave (SMTP or an
outbox folder) and the settings that say which. Free of Qt; the ledger of what was sent
and the batch that sends are in :mod:`cpp_scheduler.services.invitations`."""
