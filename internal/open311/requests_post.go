package open311

import (
	"encoding/xml"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
	"github.com/townhall/townhall/internal/requests"
)

type postedEl struct {
	ServiceRequestID string `xml:"service_request_id" json:"service_request_id"`
	ServiceNotice    text   `xml:"service_notice,omitempty" json:"service_notice,omitempty"`
	AccountID        text   `xml:"account_id" json:"account_id"`
}

type postedDoc struct {
	XMLName  xml.Name   `xml:"service_requests"`
	Requests []postedEl `xml:"request"`
}

// post files a request through the same domain as the site: numbered,
// routed and acknowledged by email like any other. Every service is
// realtime, so the answer is the request's number. account_id is the
// client's own account_id, sent back as the spec's answer has one; never a
// Townhall account, which would tell a key holder who has one here.
func (h *Handler) post(e *core.RequestEvent, f format, key *core.Record) error {
	code := query(e.Request, "service_code")
	if code == "" {
		return badRequest("service_code is required.")
	}
	lang := h.lang(e)
	svc, err := requests.ServiceByCode(e.App, code, lang, h.town.Get().DefaultLanguage)
	if err != nil {
		return notFound("service_code %s was not found.", code)
	}
	in, extra, err := readInput(e.Request, svc, lang)
	if err != nil {
		return err
	}
	var rec *core.Record
	err = e.App.RunInTransaction(func(tx core.App) error {
		created, err := h.reqs.Submit(tx, in)
		if err != nil {
			return err
		}
		// Reloaded, so the save below changes only the Open311 fields and
		// the update hooks see no status change.
		if rec, err = tx.FindRecordById("requests", created.Id); err != nil {
			return err
		}
		extra["api_key"] = key.Id
		rec.Load(extra)
		return tx.Save(rec)
	})
	if v, ok := requests.AsValidation(err); ok {
		return fromValidation(v, svc)
	}
	if errors.Is(err, requests.ErrServiceUnavailable) {
		return notFound("service_code %s was not found.", code)
	}
	if err != nil {
		return err
	}
	el := postedEl{ServiceRequestID: rec.GetString("number"), ServiceNotice: text(h.notice(lang, svc)),
		AccountID: text(rec.GetString("account_id"))}
	return write(e, f, http.StatusOK, postedDoc{Requests: []postedEl{el}}, []postedEl{el})
}

// notice tells what to expect: the service's answer time, if it has one.
func (h *Handler) notice(lang string, svc *requests.Service) string {
	if svc.ResponseDays <= 0 {
		return ""
	}
	return h.bundle.T(lang, "service.response_days", map[string]any{"Count": svc.ResponseDays})
}

// withKey runs next for a valid, active key within its rate, and logs the
// use: the key's prefix, never the key.
func (h *Handler) withKey(e *core.RequestEvent, f format, next func(*core.RequestEvent, format, *core.Record) error) error {
	// Only from the body: request URLs end up in logs, and a key must not.
	given := strings.TrimSpace(e.Request.PostFormValue("api_key"))
	key := findKey(e.App, given)
	if key == nil {
		err := forbidden("Invalid api_key received -- can't proceed with create_request.")
		switch {
		case given == "" && e.Request.URL.Query().Get("api_key") != "":
			err = forbidden("api_key must be sent in the request body, not in the URL, which is logged. Ask the town clerk for a new key.")
		case given == "":
			err = forbidden("api_key is missing: filing a request needs an API key from the town clerk.")
		}
		logUse(e, shown(given), err)
		return err
	}
	prefix := key.GetString("prefix")
	if ok, wait := h.limiter.allow(key.Id, key.GetInt("rate_per_hour")); !ok {
		err := &apiError{Status: http.StatusTooManyRequests, RetryAfter: wait, Descriptions: []string{
			"Rate limit exceeded for this api_key: try again in " + wait.Round(time.Second).String() + "."}}
		logUse(e, prefix, err)
		return err
	}
	if _, err := e.App.DB().Update("api_keys", dbx.Params{"last_used": types.NowDateTime().String()},
		dbx.HashExp{"id": key.Id}).Execute(); err != nil {
		e.App.Logger().Warn("open311: record key use", "prefix", prefix, "error", err.Error())
	}
	err := next(e, f, key)
	logUse(e, prefix, err)
	return err
}

// logUse writes one line per use of a key.
func logUse(e *core.RequestEvent, prefix string, err error) {
	status := http.StatusOK
	var ae *apiError
	switch {
	case errors.As(err, &ae):
		status = ae.Status
	case err != nil:
		status = errGeneral.Status
	}
	e.App.Logger().Info("open311 key use", slog.String("prefix", prefix), slog.String("method", e.Request.Method),
		slog.String("path", e.Request.URL.Path), slog.Int("status", status))
}

// shown is what may be logged of a key that matched nothing: its first
// characters, enough to recognise a typo, too few to use.
func shown(given string) string {
	if len(given) > prefixLength {
		return given[:prefixLength] + "…"
	}
	return given
}
