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
	return h.renderPage(e, lang, "/account", "account.profile.title", "profile", h.profileForm(e.Auth), http.StatusOK)
}

// profileForm is the profile form filled from the account.
func (h *Handler) profileForm(u *core.Record) *Form {
	f := &Form{Values: map[string][]string{
		"name": {u.GetString("name")}, "phone": {u.GetString("phone")}, "address": {u.GetString("address")},
		"language": {u.GetString("language")}, "digest": {u.GetString("digest")}, "sms_number": {u.GetString("sms_number")},
	}}
	for _, k := range []string{"alerts", "sms_updates", "sms_alerts"} {
		if u.GetBool(k) {
			f.Values[k] = []string{"on"}
		}
	}
	return f
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
	if u.GetString("sms_number") != "" { // texts go only to a confirmed number
		u.Load(map[string]any{"sms_updates": f.Get("sms_updates") == "on", "sms_alerts": f.Get("sms_alerts") == "on"})
	}
	if err := e.App.Save(u); err != nil {
		return h.fail(e, lang, err)
	}
	flash(e, "account.flash.saved")
	return redirect(e, "/"+prefLang+"/account")
}
