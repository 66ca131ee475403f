package requests

import (
	"fmt"
	"strconv"
	"strings"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
)

// StoredAnswers reads a request's answers as the form would post them: one
// text per value, lists as several.
func StoredAnswers(req *core.Record) (map[string][]string, error) {
	var raw map[string]any
	if err := req.UnmarshalJSONField("answers", &raw); err != nil {
		return nil, fmt.Errorf("answers of %s: %w", req.GetString("number"), err)
	}
	out := make(map[string][]string, len(raw))
	for code, v := range raw {
		out[code] = answerTexts(v)
	}
	return out, nil
}

func answerTexts(v any) []string {
	switch x := v.(type) {
	case nil:
		return nil
	case string:
		return []string{x}
	case float64:
		return []string{strconv.FormatFloat(x, 'f', -1, 64)}
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, answerTexts(e)...)
		}
		return out
	}
	return []string{fmt.Sprint(v)}
}

// CheckAnswers checks answers against svc's form as the public form does
// and returns them in their stored form. required is false for a channel
// that cannot answer the form (email, text message), whose missing answers
// staff fill in later. An answer to no question of the form is refused.
func CheckAnswers(svc *Service, answers map[string][]string, required bool) (map[string]any, *ValidationError) {
	verr := &ValidationError{}
	known := map[string]bool{}
	out := map[string]any{}
	for _, a := range svc.Attributes {
		known[a.Code] = true
		if !required {
			a.Required = false
		}
		if v, ok := answer(a, svc.Text(a.Description), answers[a.Code], verr); ok {
			out[a.Code] = v
		}
	}
	for code := range answers {
		if !known[code] {
			verr.Add("attr."+code, "request.error.unknown_question", nil)
		}
	}
	if len(verr.Fields) > 0 {
		return nil, verr.sorted()
	}
	return out, nil
}

// answersRequired reports whether a request from channel must answer its
// form's required questions when it is stored.
func answersRequired(channel string) bool {
	return channel != ChannelEmail && channel != ChannelSMS
}

// checkCreateRequest applies the form's checks to a request made through
// the REST API or the dashboard: its answers must be those the public form
// accepts, so a request missing a required answer, or with a choice the
// list does not have, is refused with the question and the problem.
func (d *Domain) checkCreateRequest(e *core.RecordRequestEvent) error {
	if err := d.checkStored(e.App, e.Record, answersRequired(e.Record.GetString("channel"))); err != nil {
		return err
	}
	return e.Next()
}

// checkUpdateRequest does the same for a change of the answers or the
// service; required answers are asked for only when the channel could give
// them.
func (d *Domain) checkUpdateRequest(e *core.RecordRequestEvent) error {
	r := e.Record
	if r.GetString("answers") == r.Original().GetString("answers") &&
		r.GetString("service") == r.Original().GetString("service") {
		return e.Next()
	}
	if err := d.checkStored(e.App, r, answersRequired(r.GetString("channel")) && r.GetString("channel") != ChannelPhone); err != nil {
		return err
	}
	return e.Next()
}

// checkStored checks r's answers against its service's form, in the town's
// language, as a 400 the dashboard shows under the answers field.
func (d *Domain) checkStored(app core.App, r *core.Record, required bool) error {
	svcRec, err := app.FindRecordById("services", r.GetString("service"))
	if err != nil {
		return nil // the service field's own check says so
	}
	def := d.Town.Get().DefaultLanguage
	svc, err := ServiceIn(svcRec, def, def)
	if err != nil {
		return err
	}
	given, err := StoredAnswers(r)
	if err != nil {
		return apis.NewBadRequestError("The answers are not a JSON object.", validation.Errors{
			"answers": validation.NewError("validation_answers", `Write the answers as {"code": "value"}.`)})
	}
	stored, verr := CheckAnswers(svc, given, required)
	if verr == nil {
		r.Set("answers", stored)
		return nil
	}
	var parts []string
	for _, fe := range verr.Fields {
		code := strings.TrimPrefix(fe.Field, "attr.")
		q := code
		for _, a := range svc.Attributes {
			if a.Code == code {
				q = fmt.Sprintf("%q (%s)", In(a.Description, def, def), code)
			}
		}
		parts = append(parts, q+": "+d.say(def, fe.Message, fe.Data))
	}
	msg := strings.Join(parts, "; ")
	return apis.NewBadRequestError("The answers do not fit the service's form: "+msg,
		validation.Errors{"answers": validation.NewError("validation_answers", msg)})
}

// say is a message in lang, or its id without a bundle.
func (d *Domain) say(lang, id string, data map[string]any) string {
	if d.Bundle == nil {
		return id
	}
	return d.Bundle.T(lang, id, data)
}
