package open311

import (
	"encoding/xml"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/i18n"
	"github.com/townhall/townhall/internal/requests"
)

// apiError is what a client is told when a call fails: the HTTP status the
// spec asks for (404 unknown resource, 403 key, 400 anything else; 429 for
// a key over its rate) and one description per problem, in English.
type apiError struct {
	Status       int
	Descriptions []string
	RetryAfter   time.Duration // for 429
}

func (e *apiError) Error() string { return strings.Join(e.Descriptions, "; ") }

func notFound(format string, args ...any) *apiError {
	return &apiError{Status: http.StatusNotFound, Descriptions: []string{fmt.Sprintf(format, args...)}}
}

func badRequest(format string, args ...any) *apiError {
	return &apiError{Status: http.StatusBadRequest, Descriptions: []string{fmt.Sprintf(format, args...)}}
}

func forbidden(format string, args ...any) *apiError {
	return &apiError{Status: http.StatusForbidden, Descriptions: []string{fmt.Sprintf(format, args...)}}
}

// errGeneral is the spec's "general service error" for failures that are
// ours, not the client's: the details go to the log, never to the client.
var errGeneral = badRequest("General service error: the request could not be processed. Please try again later or tell the town clerk.")

// errorItem is one <error> of the spec's error document.
type errorItem struct {
	Code        int    `xml:"code" json:"code"`
	Description string `xml:"description" json:"description"`
}

type errorsDoc struct {
	XMLName xml.Name    `xml:"errors" json:"-"`
	Errors  []errorItem `xml:"error"`
}

// fail answers with err in the spec's error shape. An error that is not an
// *apiError is logged and shown as a general service error.
func (h *Handler) fail(e *core.RequestEvent, f format, err error) error {
	var ae *apiError
	if !errors.As(err, &ae) {
		e.App.Logger().Error("open311 call failed", slog.String("method", e.Request.Method),
			slog.String("path", e.Request.URL.Path), slog.String("error", err.Error()))
		ae = errGeneral
	}
	items := make([]errorItem, len(ae.Descriptions))
	for i, d := range ae.Descriptions {
		items[i] = errorItem{Code: ae.Status, Description: d}
	}
	if ae.RetryAfter > 0 {
		e.Response.Header().Set("Retry-After", strconv.Itoa(int(ae.RetryAfter.Seconds()+0.999)))
	}
	return write(e, f, ae.Status, errorsDoc{Errors: items}, items)
}

// params names the Open311 parameter behind each field of the domain's
// validation errors.
var params = map[string]string{
	"description": "description", "address": "address_string", "contact_email": "email",
	"contact_name": "first_name and last_name", "contact_phone": "phone", "photos": "media", "location": "lat and long",
}

// fromValidation turns the domain's validation errors into 400 errors a
// developer can act on, naming the Open311 parameters.
func fromValidation(v *requests.ValidationError, svc *requests.Service) *apiError {
	out := &apiError{Status: http.StatusBadRequest}
	for _, fe := range v.Fields {
		out.Descriptions = append(out.Descriptions, describe(fe, svc))
	}
	return out
}

func describe(fe i18n.FieldError, svc *requests.Service) string {
	param, ok := params[fe.Field]
	if code, isAttr := strings.CutPrefix(fe.Field, "attr."); isAttr {
		param, ok = "attribute["+code+"]", true
	}
	if !ok {
		param = fe.Field
	}
	switch {
	case strings.HasPrefix(fe.Message, "request.error.description_needed."):
		return "description is required for service " + svc.Code + "."
	case strings.HasPrefix(fe.Message, "request.error.address_needed."):
		return "a location is required for service " + svc.Code + ": lat and long, or address_string."
	case fe.Message == "request.error.contact_needed":
		return "email or phone is required for service " + svc.Code + ": the town needs a way to answer."
	case strings.HasPrefix(fe.Message, "request.error.file_"):
		return "media: each photo must be a JPEG, PNG, WebP or HEIC image of at most 8 MB, and at most 5 photos."
	}
	switch fe.Message {
	case "request.error.required":
		return param + " is required for service " + svc.Code + "."
	case "request.error.too_long":
		return fmt.Sprintf("%s is too long: at most %v characters.", param, fe.Data["Max"])
	case "request.error.number":
		return param + " must be a number, e.g. 3 or 2.5."
	case "request.error.date":
		return param + " must be a date in ISO 8601, e.g. 2026-03-02 or 2026-03-02T14:30:00-05:00."
	case "request.error.choice":
		return param + " must be one of the value keys of the service definition: " + strings.Join(valueKeys(svc, fe.Field), ", ") + "."
	case "request.error.email":
		return param + " is not an email address, e.g. name@example.com."
	case "request.error.sign_in_needed":
		return "email is required: service " + svc.Code + " does not take anonymous requests."
	case "request.error.no_photos":
		return "media is not accepted: service " + svc.Code + " does not take photos."
	case "request.error.file":
		return "media: each photo must be a JPEG, PNG, WebP or HEIC image of at most 8 MB, and at most 5 photos."
	}
	return param + " is not valid."
}

func valueKeys(svc *requests.Service, field string) []string {
	var keys []string
	for _, a := range svc.Attributes {
		if "attr."+a.Code == field {
			for _, v := range a.Values {
				keys = append(keys, v.Key)
			}
		}
	}
	return keys
}
