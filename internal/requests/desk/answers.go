package desk

import (
	"fmt"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests"
)

// Missing are the required questions of svc's form that req has not
// answered: what an email or a phone call could not give.
func Missing(req *core.Record, svc *requests.Service) ([]requests.Attribute, error) {
	given, err := requests.StoredAnswers(req)
	if err != nil {
		return nil, err
	}
	return svc.Unanswered(given), nil
}

// FillAnswers adds the answers posted for req's missing questions, checked
// as the public form checks them (a *requests.ValidationError names each
// problem's field), and notes it on the timeline.
func (s *Staff) FillAnswers(app core.App, req *core.Record, svc *requests.Service, posted map[string][]string, note string) error {
	given, err := requests.StoredAnswers(req)
	if err != nil {
		return err
	}
	added := 0
	for _, a := range svc.Attributes {
		if vals := nonBlank(posted[a.Code]); len(vals) > 0 {
			given[a.Code] = vals
			added++
		}
	}
	if added == 0 {
		verr := &requests.ValidationError{}
		for _, a := range svc.Unanswered(given) {
			verr.Add("attr."+a.Code, "request.error.required", map[string]any{"Name": svc.Text(a.Description), "Names": a.Description})
		}
		if len(verr.Fields) > 0 {
			return verr
		}
		return ErrNothingAnswered
	}
	answers, verr := requests.CheckAnswers(svc, given, false)
	if verr != nil {
		return verr
	}
	return app.RunInTransaction(func(tx core.App) error {
		fresh, err := tx.FindRecordById("requests", req.Id)
		if err != nil {
			return err
		}
		fresh.Set("answers", answers)
		if err := tx.Save(fresh); err != nil {
			return fmt.Errorf("answers of %s: %w", req.GetString("number"), err)
		}
		return s.update(tx, fresh, "note", "", note, "")
	})
}

func nonBlank(vs []string) []string {
	var out []string
	for _, v := range vs {
		if strings.TrimSpace(v) != "" {
			out = append(out, v)
		}
	}
	return out
}
