package web

import (
	"errors"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/filesystem"
	"github.com/townhall/townhall/internal/kb"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/search"
	"github.com/townhall/townhall/internal/upload"
)

// maxUpload bounds a request form post: five photos and five documents.
const maxUpload = 60 << 20

// formMemory is how much of a form post is kept in memory: photos and
// documents beyond it wait in temporary files (removed by the server after
// the request), so a burst of submissions with photos does not hold every
// photo in the heap of a small box.
const formMemory = 256 << 10

type requestFormData struct {
	Form     *Form
	Service  *requests.Service
	Step     int // 1: the details; 2: read first, add photos, send
	Articles []*kb.Page
	Hits     []search.Hit
	Similar  []similarRequest
	SignedIn bool
	Home     string // the signed-in resident's home address, offered as a one-click choice
}

type similarRequest struct {
	Number, Status, Address string
}

// requestForm shows the first step of a service's form, from the
// resident's draft. The home address is never filled in unasked: it is
// offered as a button (action "home"), since what is typed in Where? is
// shown publicly (to the street).
func (h *Handler) requestForm(e *core.RequestEvent, lang string) error {
	svc, err := h.formService(e, lang)
	if svc == nil {
		return err
	}
	f := &Form{Values: map[string][]string{}}
	if e.Auth != nil {
		if d := requests.LoadDraft(e.App, e.Auth.Id, svc.ID); d != nil {
			f.Values = d
			f.Notice = h.bundle.T(lang, "request.form.draft_loaded", nil)
		}
	}
	return h.renderRequestForm(e, lang, http.StatusOK, svc, f, 1)
}

// formService is the service whose form the visitor opened, when they may
// use it. When it returns nil, the page saying why (not found, or sign in
// first) is already written and the error is the handler's to return.
func (h *Handler) formService(e *core.RequestEvent, lang string) (*requests.Service, error) {
	svc, err := requests.ServiceByCode(e.App, e.Request.PathValue("code"), lang, h.town.Get().DefaultLanguage)
	if err != nil {
		return nil, h.notFound(e, lang)
	}
	if !svc.Anonymous && e.Auth == nil {
		return nil, redirect(e, "/"+lang+"/signin?next="+url.QueryEscape(e.Request.URL.Path))
	}
	return svc, nil
}

func (h *Handler) renderRequestForm(e *core.RequestEvent, lang string, status int, svc *requests.Service, f *Form, step int) error {
	d := requestFormData{Form: f, Service: svc, Step: step, SignedIn: e.Auth != nil}
	if e.Auth != nil {
		d.Home = e.Auth.GetString("address")
	}
	var err error
	if d.Articles, err = kb.List(e.App, lang, "", svc.ID); err != nil {
		return h.fail(e, lang, err)
	}
	if step == 2 && status != http.StatusTooManyRequests { // a refused post must stay cheap
		h.suggest(e, lang, svc, f, &d)
	}
	v := h.view(e, lang, "/services/"+svc.Code+"/request")
	v.Title = h.bundle.T(lang, "request.form.title", map[string]any{"Service": svc.Name})
	v.Description = svc.Description
	v.NoIndex = true
	v.Data = d
	return h.render(e, status, "request_form", v)
}

// suggest finds articles matching what was typed and open requests at the
// same street, so the resident can read an answer or follow instead.
func (h *Handler) suggest(e *core.RequestEvent, lang string, svc *requests.Service, f *Form, d *requestFormData) {
	if q := f.Get("description"); q != "" {
		hits, err := search.Search(e.App.DB(), search.ParseQuery(q, lang), 4)
		if err == nil {
			for _, hit := range hits {
				if hit.Kind == "page" {
					d.Hits = append(d.Hits, hit)
				}
			}
		}
	}
	recs, err := requests.Similar(e.App, svc.ID, f.Get("address"), 5)
	if err != nil {
		h.logError(e, err)
	}
	for _, r := range recs {
		d.Similar = append(d.Similar, similarRequest{Number: r.GetString("number"), Status: r.GetString("status"), Address: requests.PublicAddress(r)})
	}
}

// requestPost handles every button of the form: save a draft, go on to the
// second step, go back, or send.
func (h *Handler) requestPost(e *core.RequestEvent, lang string) error {
	svc, err := h.formService(e, lang)
	if svc == nil {
		return err
	}
	if err := e.Request.ParseMultipartForm(formMemory); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		f := &Form{Values: map[string][]string{}}
		h.fieldError(f, lang, "photos", "request.error.upload_too_big", nil)
		return h.renderRequestForm(e, lang, http.StatusRequestEntityTooLarge, svc, f, 1)
	}
	f := &Form{Values: formValues(e.Request)}
	in := h.input(e, lang, svc, f)
	switch f.Get("action") {
	case "draft":
		if e.Auth == nil {
			return h.renderRequestForm(e, lang, http.StatusOK, svc, f, 1)
		}
		delete(f.Values, "action")
		if err := requests.SaveDraft(e.App, e.Auth.Id, svc.ID, f.Values); err != nil {
			return h.fail(e, lang, err)
		}
		flash(e, "request.flash.draft_saved")
		return redirect(e, "/"+lang+"/my-requests")
	case "back":
		return h.renderRequestForm(e, lang, http.StatusOK, svc, f, 1)
	case "home":
		if e.Auth != nil {
			f.Values["address"] = []string{e.Auth.GetString("address")}
		}
		return h.renderRequestForm(e, lang, http.StatusOK, svc, f, 1)
	case "review":
		if _, err := h.reqs.Check(e.App, in); err != nil {
			return h.formError(e, lang, svc, f, err, 1)
		}
		return h.renderRequestForm(e, lang, http.StatusOK, svc, f, 2)
	}
	if e.Request.MultipartForm != nil {
		in.Photos = uploads(e.Request.MultipartForm.File["photos"])
		in.Documents = uploads(e.Request.MultipartForm.File["documents"])
	}
	if err := pictureErrors(in); err != nil {
		return h.formError(e, lang, svc, f, err, 2)
	}
	give, ok := h.limit(e, limitRequest, limitRequestTo, recipient(e, in))
	if !ok {
		return h.refuseForm(e, lang, f, func(f *Form) error { return h.renderRequestForm(e, lang, http.StatusTooManyRequests, svc, f, 2) })
	}
	rec, err := h.reqs.Submit(e.App, in)
	if err != nil {
		give()
		return h.formError(e, lang, svc, f, err, 2)
	}
	number := rec.GetString("number")
	return redirect(e, "/"+lang+"/requests/"+number+"/received?key="+requests.Sign(e.App, "private", number))
}

// formError shows the form again with each problem beside its field; a
// problem on the first step's fields sends the resident back there.
func (h *Handler) formError(e *core.RequestEvent, lang string, svc *requests.Service, f *Form, err error, step int) error {
	v, ok := requests.AsValidation(err)
	if !ok {
		return h.fail(e, lang, err)
	}
	h.fromValidation(f, lang, &v.FieldErrors)
	for _, fe := range v.Fields {
		if fe.Field == "description" || fe.Field == "address" || strings.HasPrefix(fe.Field, "attr.") || strings.HasPrefix(fe.Field, "contact_") {
			step = 1
		}
	}
	if step == 2 && (v.For("photos") != nil || v.For("documents") != nil) {
		f.Notice = h.bundle.T(lang, "request.form.choose_files_again", nil)
	}
	return h.renderRequestForm(e, lang, http.StatusUnprocessableEntity, svc, f, step)
}

// input turns the posted form into a domain Input.
func (h *Handler) input(e *core.RequestEvent, lang string, svc *requests.Service, f *Form) requests.Input {
	in := requests.Input{
		ServiceCode: svc.Code, Description: f.Get("description"), Address: f.Get("address"),
		Channel: requests.ChannelWeb, Language: lang, Answers: map[string][]string{},
		ContactName: f.Get("contact_name"), ContactEmail: strings.TrimSpace(f.Get("contact_email")), ContactPhone: f.Get("contact_phone"),
		TextUpdates: f.Get("text_updates") == "on",
	}
	if e.Auth != nil {
		in.ReporterID = e.Auth.Id
		in.ContactEmail = ""
	}
	for _, a := range svc.Attributes {
		in.Answers[a.Code] = f.Values["attr."+a.Code]
	}
	return in
}

// recipient is whom a request's emails go to: the account, or the address
// typed in the form.
func recipient(e *core.RequestEvent, in requests.Input) string {
	if e.Auth != nil {
		return "user:" + e.Auth.Id
	}
	return in.ContactEmail
}

// formValues copies the posted text fields (not files).
func formValues(r *http.Request) map[string][]string {
	out := map[string][]string{}
	src := r.PostForm
	if r.MultipartForm != nil {
		src = r.MultipartForm.Value
	}
	for k, v := range src {
		out[k] = v
	}
	return out
}

// pictureErrors refuses photos and documents over the pixel limit, from
// their headers, before anything decodes them.
func pictureErrors(in requests.Input) error {
	verr := &requests.ValidationError{}
	if upload.TooLarge(upload.CheckFiles(in.Photos)) {
		verr.Add("photos", upload.Message, upload.MessageData)
	}
	if upload.TooLarge(upload.CheckFiles(in.Documents)) {
		verr.Add("documents", upload.Message, upload.MessageData)
	}
	if len(verr.Fields) == 0 {
		return nil
	}
	return verr
}

// uploads turns the chosen files into PocketBase files; empty file inputs
// are skipped. Type and size are checked by the collection's file fields.
func uploads(headers []*multipart.FileHeader) []*filesystem.File {
	var out []*filesystem.File
	for _, fh := range headers {
		if fh.Size == 0 || fh.Filename == "" {
			continue
		}
		if f, err := filesystem.NewFileFromMultipart(fh); err == nil {
			out = append(out, f)
		}
	}
	return out
}
