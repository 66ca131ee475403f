package notify

import (
	"fmt"
	"net/url"

	"github.com/pocketbase/pocketbase/core"
)

// deskPath is a request's screen on the staff desk, in lang.
func deskPath(lang, number string) string {
	return "/" + lang + "/staff/requests/" + url.PathEscape(number)
}

// escalated tells the department's lead, or else the clerk, that a request
// is past its due date, once: when the scheduler first sets escalated_at.
// The message is queued in the transaction that escalates.
func (rm *RequestMail) escalated(app core.App, req *core.Record) error {
	if req.GetDateTime("escalated_at").IsZero() || !req.Original().GetDateTime("escalated_at").IsZero() {
		return nil
	}
	to, err := rm.leadOrClerk(app, req)
	if err != nil {
		return err
	}
	for _, r := range to {
		if err := rm.sendStaff(app, req, r, "staff.email.escalated.subject", "", "escalated"); err != nil {
			return err
		}
	}
	return nil
}

// leadOrClerk is whom an escalation goes to: the lead named on the
// request, or every superuser (the clerk) in the town's language.
func (rm *RequestMail) leadOrClerk(app core.App, req *core.Record) ([]recipient, error) {
	if id := req.GetString("escalated_to"); id != "" {
		if u, err := app.FindRecordById("users", id); err == nil {
			return []recipient{rm.person(u, req)}, nil
		}
	}
	return rm.clerks(app)
}

// clerks are the superusers, written to in the town's default language.
func (rm *RequestMail) clerks(app core.App) ([]recipient, error) {
	sus, err := app.FindAllRecords(core.CollectionNameSuperusers)
	if err != nil {
		return nil, fmt.Errorf("find the clerk: %w", err)
	}
	out := make([]recipient, len(sus))
	for i, su := range sus {
		out[i] = recipient{ID: su.Id, Email: su.Email(), Lang: rm.Town.Get().DefaultLanguage}
	}
	return out, nil
}
