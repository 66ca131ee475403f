package requests

import (
	"fmt"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/i18n"
	"github.com/townhall/townhall/internal/town"
)

// Templates is the reply templates collection: a name, a service (or any),
// a status (or none), the text in English and Spanish with the placeholders
// {number}, {service} and {due}, and whether it goes out by itself.
const Templates = "response_templates"

// TemplatesFor are the reply templates offered on req: those of its
// service and those for any service, by name.
func TemplatesFor(app core.App, req *core.Record) ([]*core.Record, error) {
	recs, err := app.FindRecordsByFilter(Templates, "service = '' || service = {:s}", "name", 0, 0,
		dbx.Params{"s": req.GetString("service")})
	if err != nil {
		return nil, fmt.Errorf("reply templates for %s: %w", req.GetString("number"), err)
	}
	return recs, nil
}

// ResidentLanguage is the language the reporter reads: their account's,
// else the one the request was made in.
func ResidentLanguage(app core.App, req *core.Record) string {
	if id := req.GetString("reporter"); id != "" {
		if u, err := app.FindRecordById("users", id); err == nil && u.GetString("language") != "" {
			return u.GetString("language")
		}
	}
	return req.GetString("language")
}

// FillTemplate is tpl's text in lang (else the town's language, else any),
// with req's number, service name and due date in place of {number},
// {service} and {due}.
func (d *Domain) FillTemplate(app core.App, tpl, req *core.Record, lang string) string {
	def := d.Town.Get().DefaultLanguage
	text := tpl.GetString("text_" + lang)
	for _, l := range []string{def, "en", "es"} {
		if text == "" {
			text = tpl.GetString("text_" + l)
		}
	}
	service := ""
	if svc, err := app.FindRecordById("services", req.GetString("service")); err == nil {
		service, _ = i18n.Text(svc, "name", lang, def)
	}
	return strings.NewReplacer("{number}", req.GetString("number"), "{service}", service,
		"{due}", d.dueText(req, lang)).Replace(text)
}

func (d *Domain) dueText(req *core.Record, lang string) string {
	due := req.GetDateTime("due").Time()
	if due.IsZero() {
		return ""
	}
	due = due.In(d.Town.Get().Location)
	if d.Bundle == nil {
		return due.Format("2006-01-02")
	}
	return d.Bundle.Date(lang, due)
}

// autoReply sends the reply template set to go out by itself when req has
// just entered its status: once per entry, as a public comment signed by
// the department, after the status entry, so notify queues its email with
// the change. The desk and the dashboard both come this way. When a
// template for the service and one for any service both fit, the service's
// wins.
func (d *Domain) autoReply(app core.App, req *core.Record) error {
	recs, err := app.FindRecordsByFilter(Templates, "auto_send = true && status = {:st} && (service = '' || service = {:s})",
		"-service,name", 1, 0, dbx.Params{"st": req.GetString("status"), "s": req.GetString("service")})
	if err != nil || len(recs) == 0 {
		return err
	}
	text := d.FillTemplate(app, recs[0], req, ResidentLanguage(app, req))
	if strings.TrimSpace(text) == "" {
		return nil
	}
	_, err = AddUpdate(app, Update{RequestID: req.Id, Kind: "comment", Body: text, AuthorName: d.departmentName(app, req)})
	if err != nil {
		return fmt.Errorf("automatic reply %q on %s: %w", recs[0].GetString("name"), req.GetString("number"), err)
	}
	return nil
}

// departmentName signs automatic replies: the request's department in the
// town's language, or the town's name.
func (d *Domain) departmentName(app core.App, req *core.Record) string {
	t := d.Town.Get()
	if dep, err := app.FindRecordById("departments", req.GetString("department")); err == nil {
		return town.DepartmentIn(dep, t.DefaultLanguage, t.DefaultLanguage).Name
	}
	return t.NameIn(t.DefaultLanguage)
}
