// Package notify is Townhall's one composer of messages: it turns what
// happens in the domains (a request submitted or updated, a booking made,
// a notice published, a digest due) and what the channels ask for (a
// sign-in code, an address check, a password reset, the acknowledgement of
// an emailed request, a new API key) into letters in each recipient's
// language, rendered from one template (Letter), and queues them in
// package outbox, in the caller's transaction. It sends nothing itself.
// Every letter becomes an outbox message in one place, letterMessage, and
// is queued by queueLetter (mail.go).
package notify
