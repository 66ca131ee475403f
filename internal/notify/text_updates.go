package notify

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/outbox"
)

// maxCommentText is how much of a public comment a text quotes.
const maxCommentText = 300

// textUpdate texts a status change or public comment u to the reporter
// when they chose texts: an account's confirmed number with "Text me
// updates on my requests", or the contact phone of a request that asked
// for texts (a request sent by text does). The text is in the reporter's
// language; a number that texted STOP gets nothing.
func (rm *RequestMail) textUpdate(app core.App, req, u *core.Record) error {
	number, lang := rm.textNumber(app, req)
	if number == "" {
		return nil
	}
	c := &Composer{Bundle: rm.Bundle, Town: rm.Town}
	t := Text{To: number, Lang: lang, Kind: "request.update.sms", DedupeKey: "request:" + req.Id + ":update:" + u.Id + ":sms"}
	data := map[string]any{"Number": req.GetString("number")}
	link := TrackingURL(app, lang, req.GetString("number"))
	if u.GetString("kind") == "status" {
		data["Status"] = rm.Bundle.T(lang, "request.status."+u.GetString("status"), nil)
		return c.TextReply(app, t, "sms.update.status", data, link)
	}
	return c.TextReply(app, t, "sms.update.comment", data, clip(u.GetString("body"), maxCommentText), link)
}

// textNumber is where updates on req are texted, and in which language;
// "" when nowhere.
func (rm *RequestMail) textNumber(app core.App, req *core.Record) (string, string) {
	if id := req.GetString("reporter"); id != "" {
		if u, err := app.FindRecordById("users", id); err == nil {
			if u.GetBool("sms_updates") && u.GetString("sms_number") != "" {
				return u.GetString("sms_number"), rm.person(u, req).Lang
			}
		}
	}
	if req.GetBool("text_updates") {
		if n, ok := outbox.NormalizeNumber(req.GetString("contact_phone")); ok {
			return n, rm.lang(req.GetString("language"))
		}
	}
	return "", ""
}
