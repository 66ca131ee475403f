package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/requests/desk"
)

// staffQuestionsData is the question editor: the service to choose, then
// its questions, one block each, and a blank one to add.
type staffQuestionsData struct {
	Form      *Form
	Services  []option
	Service   *requests.Service
	Rows      []questionRow
	Datatypes []string
	Languages []string
}

// questionRow is one question's block: its index and field-name prefix.
type questionRow struct {
	I, N      int // from 0, and its number on the page
	P         string
	New, Last bool
	First     bool
}

// staffQuestions shows the editor; ?service= picks the service (a GET, so
// no JavaScript is needed).
func (h *Handler) staffQuestions(e *core.RequestEvent, lang string, s *desk.Staff) error {
	f := &Form{Values: map[string][]string{}}
	svc, rec := h.questionService(e, lang)
	if rec != nil {
		qs, err := desk.Questions(rec)
		if err != nil {
			return h.fail(e, lang, err)
		}
		h.questionsForm(f, qs)
	}
	return h.renderStaffQuestions(e, lang, s, svc, f, http.StatusOK)
}

// staffQuestionsPost saves the questions as edited, after the button's
// move or removal; a problem is shown beside its question and nothing is
// saved. Every button saves, so moving keeps what was typed.
func (h *Handler) staffQuestionsPost(e *core.RequestEvent, lang string, s *desk.Staff) error {
	svc, rec := h.questionService(e, lang)
	if rec == nil {
		return h.notFound(e, lang)
	}
	if err := e.Request.ParseForm(); err != nil {
		return h.errorPage(e, lang, http.StatusBadRequest)
	}
	posted := &Form{Values: e.Request.PostForm}
	qs := h.postedQuestions(posted)
	op, n, _ := strings.Cut(posted.Get("op"), ":")
	i, _ := strconv.Atoi(n)
	done := "desk.questions.flash_saved"
	switch op {
	case "up", "down":
		qs, done = desk.Move(qs, i, map[string]int{"up": -1, "down": 1}[op]), "desk.questions.flash_moved"
	case "remove":
		if i >= 0 && i < len(qs) {
			qs, done = append(qs[:i], qs[i+1:]...), "desk.questions.flash_removed"
		}
	}
	f := &Form{Values: map[string][]string{}}
	h.questionsForm(f, qs)
	err := s.SaveQuestions(e.App, rec, qs)
	if v, ok := requests.AsValidation(err); ok {
		h.fromValidation(f, lang, &v.FieldErrors)
		return h.renderStaffQuestions(e, lang, s, svc, f, http.StatusUnprocessableEntity)
	} else if err != nil {
		return h.fail(e, lang, err)
	}
	flash(e, done)
	return redirect(e, "/"+lang+"/staff/questions?service="+url.QueryEscape(svc.Code))
}

// questionService is the chosen service, if any.
func (h *Handler) questionService(e *core.RequestEvent, lang string) (*requests.Service, *core.Record) {
	code := e.Request.URL.Query().Get("service")
	if code == "" {
		return nil, nil
	}
	rec, err := e.App.FindFirstRecordByData("services", "code", code)
	if err != nil {
		return nil, nil
	}
	svc, err := requests.ServiceIn(rec, lang, h.town.Get().DefaultLanguage)
	if err != nil {
		return nil, nil
	}
	return svc, rec
}

func (h *Handler) renderStaffQuestions(e *core.RequestEvent, lang string, s *desk.Staff, svc *requests.Service, f *Form, status int) error {
	all, err := requests.Services(e.App, lang, h.town.Get().DefaultLanguage)
	if err != nil {
		return h.fail(e, lang, err)
	}
	d := &staffQuestionsData{Form: f, Service: svc, Datatypes: requests.Datatypes, Languages: h.town.Get().Languages}
	for _, sv := range all {
		d.Services = append(d.Services, option{sv.Code, sv.Name})
	}
	if svc != nil {
		f.Values["service"] = []string{svc.Code}
		count, _ := strconv.Atoi(f.Get("count"))
		for i := 0; i <= count; i++ {
			d.Rows = append(d.Rows, questionRow{I: i, N: i + 1, P: "q." + strconv.Itoa(i) + ".", New: i == count,
				First: i == 0, Last: i == count-1})
		}
	} else if e.Request.URL.Query().Get("service") != "" {
		h.fieldError(f, lang, "service", "desk.error.service", nil)
		status = http.StatusNotFound
	}
	v := h.staffView(e, lang, "/staff/questions", h.bundle.T(lang, "desk.questions.title", nil), s)
	v.Data = d
	return h.render(e, status, "staff_questions", v)
}
