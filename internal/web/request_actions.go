package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests"
)

// answerText shows a stored answer in lang: list keys become their names.
func answerText(a requests.Attribute, v any, lang, def string) string {
	name := func(key string) string {
		for _, val := range a.Values {
			if val.Key == key {
				return requests.In(val.Name, lang, def)
			}
		}
		return key
	}
	switch v := v.(type) {
	case []any:
		parts := make([]string, len(v))
		for i, x := range v {
			parts[i] = name(fmt.Sprint(x))
		}
		return strings.Join(parts, ", ")
	case string:
		return name(v)
	default:
		return fmt.Sprint(v)
	}
}

// comment adds the reporter's public comment, or reopens the request
// ("it's not fixed"), which alerts the staff.
func (h *Handler) comment(e *core.RequestEvent, lang string) error {
	req, err := requests.ByNumber(e.App, e.Request.PathValue("number"))
	if err != nil {
		return h.notFound(e, lang)
	}
	if err := e.Request.ParseForm(); err != nil {
		return h.errorPage(e, lang, http.StatusBadRequest)
	}
	mine, key := h.isReporter(e, req)
	if !mine {
		return h.forbidden(e, lang)
	}
	kind := "comment"
	if e.Request.PostFormValue("action") == "reopen" {
		kind = "reopen"
	}
	body := e.Request.PostFormValue("body")
	if utf8.RuneCountInString(body) > requests.MaxComment {
		f := &Form{Values: e.Request.PostForm}
		h.fieldError(f, lang, "body", "request.error.too_long", map[string]any{"Max": requests.MaxComment})
		return h.renderTrack(e, lang, req, http.StatusUnprocessableEntity, f, "request_track")
	}
	give, ok := h.limit(e, limitComment, limitCommentOn, req.Id)
	if !ok {
		return h.refuseForm(e, lang, &Form{Values: e.Request.PostForm}, func(f *Form) error {
			return h.renderTrack(e, lang, req, http.StatusTooManyRequests, f, "request_track")
		})
	}
	u := requests.Update{RequestID: req.Id, Kind: kind, Body: body, Channel: requests.ChannelWeb}
	if e.Auth != nil {
		u.AuthorID, u.AuthorName = e.Auth.Id, e.Auth.GetString("name")
	} else {
		u.AuthorName = req.GetString("contact_name")
	}
	if _, err := requests.AddUpdate(e.App, u); err != nil {
		give()
		f := &Form{Values: e.Request.PostForm}
		switch {
		case errors.Is(err, requests.ErrEmptyComment):
			h.fieldError(f, lang, "body", "request.error.comment_empty", nil)
		case errors.Is(err, requests.ErrReopenWindow):
			h.fieldError(f, lang, "body", "request.error.reopen_late", nil)
		case errors.Is(err, requests.ErrNotClosed):
			h.fieldError(f, lang, "body", "request.error.not_closed", nil)
		default:
			return h.fail(e, lang, err)
		}
		return h.renderTrack(e, lang, req, http.StatusUnprocessableEntity, f, "request_track")
	}
	flash(e, "request.flash."+kind)
	back := "/" + lang + "/requests/" + req.GetString("number")
	if key != "" {
		back += "?key=" + url.QueryEscape(key)
	}
	return redirect(e, back+"#timeline")
}

// follow and unfollow a public request, one click each.
func (h *Handler) follow(e *core.RequestEvent, lang string) error {
	req, err := requests.ByNumber(e.App, e.Request.PathValue("number"))
	if err != nil || !req.GetBool("public") {
		return h.notFound(e, lang)
	}
	give, ok := h.limit(e, limitFollow, limitFollowBy, e.Auth.Id)
	if !ok {
		return h.refuseForm(e, lang, &Form{}, func(f *Form) error {
			return h.renderTrack(e, lang, req, http.StatusTooManyRequests, f, "request_track")
		})
	}
	if e.Request.PostFormValue("action") == "unfollow" {
		err = requests.Unfollow(e.App, e.Auth.Id, req.Id)
		flash(e, "request.flash.unfollowed")
	} else {
		err = requests.Follow(e.App, e.Auth.Id, req.Id)
		flash(e, "request.flash.followed")
	}
	if err != nil {
		give()
		return h.fail(e, lang, err)
	}
	return redirect(e, "/"+lang+"/requests/"+req.GetString("number"))
}
