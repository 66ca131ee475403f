package web

import (
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests"
)

// profilePage shows the resident's details and preferences.
func (h *Handler) profilePage(e *core.RequestEvent, lang string) error {
	u := e.Auth
	f := &Form{Values: map[string][]string{
		"name": {u.GetString("name")}, "phone": {u.GetString("phone")}, "address": {u.GetString("address")},
		"language": {u.GetString("language")}, "digest": {u.GetString("digest")},
	}}
	if u.GetBool("alerts") {
		f.Values["alerts"] = []string{"on"}
	}
	return h.renderPage(e, lang, "/account", "account.profile.title", "profile", f, http.StatusOK)
}

// profile saves the resident's details. The role and department are not on
// the form and cannot be changed here.
func (h *Handler) profile(e *core.RequestEvent, lang string) error {
	if err := e.Request.ParseForm(); err != nil {
		return h.errorPage(e, lang, http.StatusBadRequest)
	}
	f := &Form{Values: e.Request.PostForm}
	name := h.checkName(f, lang, "name")
	if utf8.RuneCountInString(f.Get("phone")) > 40 {
		h.fieldError(f, lang, "phone", "request.error.too_long", map[string]any{"Max": 40})
	}
	if utf8.RuneCountInString(f.Get("address")) > 300 {
		h.fieldError(f, lang, "address", "request.error.too_long", map[string]any{"Max": 300})
	}
	prefLang := f.Get("language")
	if !h.town.Get().Offers(prefLang) {
		h.fieldError(f, lang, "language", "request.error.choice", nil)
	}
	if !slices.Contains([]string{"off", "daily", "weekly"}, f.Get("digest")) {
		h.fieldError(f, lang, "digest", "request.error.choice", nil)
	}
	if len(f.Errors) > 0 {
		return h.renderPage(e, lang, "/account", "account.profile.title", "profile", f, http.StatusUnprocessableEntity)
	}
	u := e.Auth
	u.Load(map[string]any{
		"name": name, "phone": requests.CleanLine(f.Get("phone")), "address": strings.TrimSpace(f.Get("address")),
		"language": prefLang, "digest": f.Get("digest"), "alerts": f.Get("alerts") == "on",
	})
	if err := e.App.Save(u); err != nil {
		return h.fail(e, lang, err)
	}
	flash(e, "account.flash.saved")
	return redirect(e, "/"+prefLang+"/account")
}
