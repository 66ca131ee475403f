package mailin

import (
	"fmt"
	"strings"

	"github.com/emersion/go-smtp"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/i18n"
	"github.com/townhall/townhall/internal/requests"
	"golang.org/x/text/unicode/norm"
)

// maxComment is the timeline's limit on one entry.
const maxComment = 10_000

// comment adds the message as a public comment to each request it replies
// to, all or none.
func (in *Intake) comment(env Envelope, msg *Message, to []Target, auth authResult) error {
	body := clip(msg.Text, maxComment)
	if strings.TrimSpace(body) == "" {
		return errEmptyReply
	}
	err := in.App.RunInTransaction(func(tx core.App) error {
		var first string
		for _, t := range to {
			req, err := requests.ByNumber(tx, t.Number)
			if err != nil {
				return fmt.Errorf("find request %s: %w", t.Number, err)
			}
			u, err := in.author(tx, req, msg, auth)
			if err != nil {
				return err
			}
			u.RequestID, u.Kind, u.Body, u.Channel = req.Id, "comment", body, requests.ChannelEmail
			if _, err := requests.AddUpdate(tx, u); err != nil {
				return fmt.Errorf("add comment to %s: %w", t.Number, err)
			}
			if first == "" {
				first = req.Id
			}
		}
		return in.log(tx, env, msg, logEntry{Outcome: "comment", RequestID: first, Reason: auth.Reason})
	})
	if err == nil {
		in.App.Logger().Info("mailin: reply added to a request", "requests", len(to))
	}
	return err
}

// author is who a reply is from. The signed address came in an email about
// the request, so it is a comment by the reporter, or by a staff member
// answering a request email. Anyone else (a follower, a forward) is refused
// with a hint: the reply would speak for the reporter. So is a reply whose
// sender's domain says it did not send it (a DMARC failure).
//
// A reply speaks for an account (the reporter's, or a staff member's) only
// when its sender is verified (auth.Aligned). The reporter's unverified
// reply is still kept, as a comment signed with the name in the email and
// linked to no account: the signed reply address is known only to the
// reporter and the staff, and it reaches the staff like any reporter's
// comment. A staff member's unverified reply is refused, since it would go
// out to the reporter as the town's word.
func (in *Intake) author(tx core.App, req *core.Record, msg *Message, auth authResult) (requests.Update, error) {
	from := msg.From
	if auth.DMARCFail {
		return requests.Update{}, in.notReporter()
	}
	if id := req.GetString("reporter"); id != "" {
		if u, err := tx.FindRecordById("users", id); err == nil && strings.EqualFold(u.Email(), from) {
			if !auth.Aligned {
				return requests.Update{AuthorName: clip(msg.FromName, 120)}, nil
			}
			return requests.Update{AuthorID: u.Id, AuthorName: u.GetString("name")}, nil
		}
	}
	if c := req.GetString("contact_email"); c != "" && strings.EqualFold(c, from) {
		return requests.Update{AuthorName: req.GetString("contact_name")}, nil
	}
	if u, err := tx.FindAuthRecordByEmail("users", from); err == nil && u.Verified() && u.GetString("role") == "staff" {
		if !auth.Aligned {
			return requests.Update{}, in.unverifiedStaff(from)
		}
		return requests.Update{AuthorID: u.Id, AuthorName: in.departmentName(tx, u)}, nil
	}
	return requests.Update{}, in.notReporter()
}

// unverifiedStaff refuses a staff member's reply that could not be
// verified, in the town's language, in plain ASCII as SMTP replies are.
func (in *Intake) unverifiedStaff(from string) error {
	msg := in.Bundle.T(in.Town.Get().DefaultLanguage, "mailin.refuse.unverified", map[string]any{"Email": from})
	return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 7, 1}, Message: asciiLine(msg)}
}

func (in *Intake) notReporter() error {
	return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 7, 1},
		Message: "This address takes replies from the person who made the request; to write to the town, use report@" + in.Town.Get().MailDomain}
}

// departmentName is how a staff member's comment is signed in public: their
// department, or their own name when they have none.
func (in *Intake) departmentName(tx core.App, u *core.Record) string {
	if d, err := tx.FindRecordById("departments", u.GetString("department")); err == nil {
		t := in.Town.Get()
		name, _ := i18n.Text(d, "name", t.DefaultLanguage, t.DefaultLanguage)
		return name
	}
	return u.GetString("name")
}

// asciiLine is s on one line in ASCII: accents dropped (é → e), anything
// else outside ASCII left out.
func asciiLine(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(oneLine(s)) {
		if r >= 0x20 && r < 0x7f {
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String())
}
