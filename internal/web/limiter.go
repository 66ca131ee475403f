package web

import (
	"net/http"
	"strings"

	"github.com/pocketbase/pocketbase/core"
)

// The site's own limits on forms that store something or send email. Each
// is one bucket whatever the language of the page, counted per visitor
// address (site:request) or per whom it reaches (site:request_to: the
// contact address or account; site:comment_on: the request; *_by: the
// account). They are ordinary rules the clerk sees and can change in
// Settings → Rate limiting; the handlers apply them, so that a refused
// resident gets the form back with the reason.
const (
	limitRequest    = "site:request"
	limitRequestTo  = "site:request_to"
	limitComment    = "site:comment"
	limitCommentOn  = "site:comment_on"
	limitFollow     = "site:follow"
	limitFollowBy   = "site:follow_by"
	limitReserve    = "site:reserve"
	limitReserveBy  = "site:reserve_by"
	limitRegister   = "site:register"
	limitRegisterBy = "site:register_by"
)

// siteLimits are the defaults: a few a minute is plenty for a person, and
// a mail cannon gets nowhere.
var siteLimits = []core.RateLimitRule{
	{Label: limitRequest, MaxRequests: 10, Duration: 600},
	{Label: limitRequestTo, MaxRequests: 5, Duration: 3600},
	{Label: limitComment, MaxRequests: 10, Duration: 600},
	{Label: limitCommentOn, MaxRequests: 10, Duration: 600},
	{Label: limitFollow, MaxRequests: 30, Duration: 600},
	{Label: limitFollowBy, MaxRequests: 30, Duration: 600},
	{Label: limitReserve, MaxRequests: 10, Duration: 600},
	{Label: limitReserveBy, MaxRequests: 10, Duration: 600},
	{Label: limitRegister, MaxRequests: 10, Duration: 600},
	{Label: limitRegisterBy, MaxRequests: 10, Duration: 600},
}

// limit counts one use of an action for the visitor's address (perClient)
// and for whom it reaches (perTarget, target), and reports false, having
// counted nothing, if either is used up. give takes both back.
func (h *Handler) limit(e *core.RequestEvent, perClient, perTarget, target string) (give func(), ok bool) {
	giveClient, ok := h.take(e, perClient, "ip:"+e.RealIP())
	if !ok {
		return nil, false
	}
	giveTarget, ok := h.take(e, perTarget, "to:"+strings.ToLower(target))
	if !ok {
		giveClient()
		return nil, false
	}
	return func() { giveClient(); giveTarget() }, true
}

// take counts one use of key under the rule labelled label, if there is
// one for this visitor; when it is used up, it sets Retry-After.
func (h *Handler) take(e *core.RequestEvent, label, key string) (give func(), ok bool) {
	rule, found := siteRule(e, label)
	if !found || strings.HasSuffix(key, ":") {
		return func() {}, true
	}
	give, ok = h.limits.take(rule, key)
	if !ok {
		e.Response.Header().Set("Retry-After", h.limits.retryAfter(rule, key))
	}
	return give, ok
}

// wantsHTML reports whether the client is a browser, which gets the form
// back with the reason; any other client gets a short text.
func wantsHTML(e *core.RequestEvent) bool {
	return strings.Contains(e.Request.Header.Get("Accept"), "text/html")
}

// refuseForm answers a post over a limit with HTTP 429: the form again,
// with what was typed and a translated reason, for a browser (render), or
// the reason alone for any other client.
func (h *Handler) refuseForm(e *core.RequestEvent, lang string, f *Form, render func(f *Form) error) error {
	msg := h.bundle.T(lang, "form.too_many", nil)
	if !wantsHTML(e) {
		return e.String(http.StatusTooManyRequests, msg+"\n")
	}
	f.Notice = msg
	return render(f)
}
