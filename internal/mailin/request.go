package mailin

import (
	"errors"
	"fmt"
	"strings"

	"github.com/emersion/go-smtp"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/notify"
	"github.com/townhall/townhall/internal/requests"
)

// request files a new message as a request, acknowledges it when it may
// (see autoReply), and notes for the staff whatever could not be kept as
// sent. The request, the note, the log entry and the acknowledgement are
// stored in one transaction.
//
// Only a verified sender (auth.Aligned) files under the account with the
// From address; anyone else's request keeps the address as its contact
// email. A sender whose domain says the message is not theirs (a DMARC
// failure) gets no acknowledgement: it would go to whoever forged it.
func (in *Intake) request(env Envelope, msg *Message, k kind, auth authResult) error {
	t := in.Town.Get()
	lang := detectLanguage(msg.Subject+"\n"+msg.Text, t.Languages, msg.Language, t.DefaultLanguage)
	input := requests.Input{Description: describe(msg), Channel: requests.ChannelEmail, Language: lang}
	u := in.resident(msg.From)
	var notes []string
	switch {
	case u != nil && auth.Aligned:
		input.ReporterID = u.Id
	case requests.ValidEmail(msg.From):
		input.ContactEmail, input.ContactName = msg.From, clip(msg.FromName, 120)
	case msg.From != "":
		// An intranet's admin@intranet: the words are filed all the same,
		// and the clerk knows why no answer went out.
		notes = append(notes, in.note(t.DefaultLanguage, "mailin.note.no_reply", msg.From))
	}
	svc, moved, err := in.service(env, msg, input)
	if err != nil {
		return err
	}
	notes = append(notes, moved...)
	switch {
	case auth.DMARCFail:
		notes = append(notes, in.note(t.DefaultLanguage, "mailin.note.forged", msg.From))
	case u != nil && !auth.Aligned:
		notes = append(notes, in.note(t.DefaultLanguage, "mailin.note.unverified", msg.From))
	}
	input.ServiceCode = svc.Code
	if q := questions(svc, t.DefaultLanguage, t.DefaultLanguage); len(q) > 0 {
		texts := make([]string, len(q))
		for i, x := range q {
			texts[i] = x.Text
		}
		notes = append(notes, in.note(t.DefaultLanguage, "mailin.note.unanswered", strings.Join(texts, "; ")))
	}
	files, dropped := in.files(input.ServiceCode, msg.Attachments)
	input.Photos, input.Documents = files.photos, files.documents
	if len(dropped) > 0 {
		notes = append(notes, in.note(t.DefaultLanguage, "mailin.note.dropped", strings.Join(dropped, ", ")))
	}
	if len(msg.Unreadable) > 0 {
		notes = append(notes, in.note(t.DefaultLanguage, "mailin.note.unreadable", strings.Join(msg.Unreadable, ", ")))
	}
	var ack *acknowledgement
	if k == personal && !auth.DMARCFail {
		// Searched before the transaction: SQLite has one writer, and the
		// search needs none.
		ack = &acknowledgement{articles: articles(in.App, msg, lang), questions: questions(svc, lang, t.DefaultLanguage),
			answer: answer(in.App, msg, lang)}
	}
	err = in.submit(env, msg, input, notes, ack, auth)
	var verr *requests.ValidationError
	if errors.As(err, &verr) && (len(input.Photos) > 0 || len(input.Documents) > 0) {
		// The files passed the same checks as the form's, yet the record
		// refused them: keep the words rather than lose the request.
		input.Photos, input.Documents = nil, nil
		notes = append(notes, in.note(t.DefaultLanguage, "mailin.note.dropped", strings.Join(files.names, ", ")))
		err = in.submit(env, msg, input, notes, ack, auth)
	}
	if v, ok := requests.AsValidation(err); ok {
		// Nothing a later try would change: refuse for good, not 451.
		return &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 6, 0},
			Message: "The message could not be filed: " + asciiLine(v.Summary())}
	}
	if err != nil {
		return fmt.Errorf("submit request from email: %w", err)
	}
	in.App.Logger().Info("mailin: new request by email", "service", input.ServiceCode, "notes", len(notes))
	return nil
}

// service is the service a new message goes to: the one its address names,
// else the one its words suggest. The form's questions stay unanswered (an
// email cannot answer them): they are returned so that the staff note and
// the acknowledgement can ask for them. A service that refuses the message
// for another reason (it was closed since, say) hands it to the general
// inquiry, or in a town without one the first service that takes it, with
// a note for the staff naming the service it was meant for.
func (in *Intake) service(env Envelope, msg *Message, input requests.Input) (*requests.Service, []string, error) {
	t := in.Town.Get()
	code := ""
	for _, to := range env.To {
		if to.Service != "" {
			code = to.Service
			break
		}
	}
	if code == "" {
		code = guessService(in.App, msg.Subject, msg.Text, input.Language, t.DefaultLanguage)
	}
	input.ServiceCode = code
	if svc, err := in.Requests.Check(in.App, input); err == nil {
		return svc, nil, nil
	}
	note := in.note(t.DefaultLanguage, "mailin.note.service", code)
	candidates := []string{fallbackService}
	if svcs, err := requests.Services(in.App, t.DefaultLanguage, t.DefaultLanguage); err == nil {
		for _, s := range svcs {
			candidates = append(candidates, s.Code)
		}
	}
	for _, c := range candidates {
		if c == code {
			continue
		}
		input.ServiceCode = c
		if svc, err := in.Requests.Check(in.App, input); err == nil {
			return svc, []string{note}, nil
		}
	}
	return nil, nil, fmt.Errorf("no active service takes a request by email (tried %q and the general inquiry)", code)
}

// questions are the form questions an email left unanswered, in lang,
// each with its choices when it has them.
func questions(svc *requests.Service, lang, def string) []notify.Item {
	var out []notify.Item
	for _, a := range svc.Unanswered(nil) {
		q := notify.Item{Text: strings.TrimSpace(requests.In(a.Description, lang, def))}
		if q.Text == "" {
			q.Text = a.Code
		}
		var choices []string
		for _, v := range a.Values {
			choices = append(choices, requests.In(v.Name, lang, def))
		}
		q.Note = strings.Join(choices, " · ")
		out = append(out, q)
	}
	return out
}

// resident is the verified account with the sender's address, if any.
func (in *Intake) resident(email string) *core.Record {
	if email == "" {
		return nil
	}
	u, err := in.App.FindAuthRecordByEmail("users", email)
	if err != nil || !u.Verified() {
		return nil
	}
	return u
}

// submit stores the request with its notes, log entry (with the sender
// check's outcome) and, unless ack is nil, the acknowledgement.
func (in *Intake) submit(env Envelope, msg *Message, input requests.Input, notes []string, ack *acknowledgement, auth authResult) error {
	return in.App.RunInTransaction(func(tx core.App) error {
		rec, err := in.Requests.Submit(tx, input)
		if err != nil {
			return err
		}
		for _, n := range notes {
			if _, err := requests.AddUpdate(tx, requests.Update{RequestID: rec.Id, Kind: "note", Body: n, Channel: requests.ChannelEmail}); err != nil {
				return fmt.Errorf("add note: %w", err)
			}
		}
		replied := false
		if ack != nil {
			if replied, err = in.autoReply(tx, env, msg, rec, ack); err != nil {
				return err
			}
		}
		return in.log(tx, env, msg, logEntry{Outcome: "request", RequestID: rec.Id, AutoReply: replied,
			Reason: strings.Join(append([]string{auth.Reason}, notes...), " — ")})
	})
}

// describe is the request's description: the subject as its summary, then
// the text, within the domain's limit.
func describe(msg *Message) string {
	d := strings.TrimSpace(msg.Subject)
	if text := strings.TrimSpace(msg.Text); text != "" {
		if d != "" {
			d += "\n\n"
		}
		d += text
	}
	return clip(d, requests.MaxDescription)
}

// note is a line for the staff in the town's default language.
func (in *Intake) note(lang, id, detail string) string {
	return in.Bundle.T(lang, id, map[string]any{"Query": detail})
}
