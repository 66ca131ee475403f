package open311

import (
	"errors"
	"mime"
	"net/http"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
)

// maxBody bounds a POST: five photos of 8 MB and the form around them.
const maxBody = 48 << 20

// routes is the API's whole URL map. A wildcard must be a whole path
// segment, so "services.json" and "2026-0042.xml" are read as one {file}
// and split by splitFormat. Anything else under the prefix answers in the
// spec's error shape rather than with the site's HTML 404.
func (h *Handler) routes(se *core.ServeEvent) {
	r := se.Router
	r.GET(Prefix+"/{$}", h.root)
	r.GET(Prefix+"/{file}", h.handle(h.top))
	r.POST(Prefix+"/{file}", h.handle(h.create)).Bind(&hook.Handler[*core.RequestEvent]{
		Id: apis.DefaultBodyLimitMiddlewareId, Priority: apis.DefaultBodyLimitMiddlewarePriority, Func: h.bodyLimit,
	})
	r.GET(Prefix+"/services/{file}", h.handle(h.definition))
	r.GET(Prefix+"/requests/{file}", h.handle(h.request))
	r.GET(Prefix+"/tokens/{file}", h.handle(h.token))
	r.GET(Prefix+"/{path...}", h.unknown)
	for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		r.Route(m, Prefix+"/{path...}", h.unknown)
	}
}

// call is one API method: it writes its answer, or returns the error to
// send in the spec's shape. id is the {file} without its format suffix.
type call func(e *core.RequestEvent, f format, id string) error

// handle reads the format from the URL and the form, checks the
// jurisdiction, and answers the call's errors in the spec's shape.
func (h *Handler) handle(next call) func(*core.RequestEvent) error {
	return func(e *core.RequestEvent) error {
		id, f, ok := splitFormat(e.Request.PathValue("file"))
		if !ok {
			return h.fail(e, f, notFound("%s is not a resource: add .xml or .json.", e.Request.URL.Path))
		}
		e.Response.Header().Add("Vary", "Accept-Language")
		if err := parseForm(e.Request); err != nil {
			return h.fail(e, f, err)
		}
		if err := h.checkJurisdiction(e, query(e.Request, "jurisdiction_id")); err != nil {
			return h.fail(e, f, err)
		}
		if err := next(e, f, id); err != nil {
			return h.fail(e, f, err)
		}
		return nil
	}
}

// parseForm reads the query string and, for a POST, the urlencoded or
// multipart body (files over 256 KB in total go to temporary files, which
// the server removes after the request, so photos do not wait in memory).
func parseForm(r *http.Request) error {
	if err := formEncoded(r); err != nil {
		return err
	}
	err := r.ParseMultipartForm(256 << 10)
	var tooBig *http.MaxBytesError
	switch {
	case err == nil, errors.Is(err, http.ErrNotMultipart):
		return nil
	case errors.As(err, &tooBig):
		return badRequest("The request is too large: at most %d MB, photos included.", maxBody>>20)
	}
	return badRequest("The request body could not be read: send application/x-www-form-urlencoded or multipart/form-data.")
}

// formEncoded refuses a POST body in any other encoding (JSON, most
// often), which would otherwise be read as no parameters at all and
// answered "api_key is missing".
func formEncoded(r *http.Request) error {
	if r.Method != http.MethodPost || r.ContentLength == 0 || r.Body == http.NoBody {
		return nil
	}
	ctype, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ctype == "application/x-www-form-urlencoded" || ctype == "multipart/form-data" {
		return nil
	}
	return badRequest("The request body is %s: this API takes its parameters as application/x-www-form-urlencoded (or multipart/form-data with photos), as the GeoReport v2 specification says, not JSON.", shownType(ctype))
}

func shownType(ctype string) string {
	if ctype == "" {
		return "of no declared type"
	}
	return ctype
}

// bodyLimit replaces PocketBase's body limit on POST, so a body that is too
// large is refused in the spec's error shape.
func (h *Handler) bodyLimit(e *core.RequestEvent) error {
	if e.Request.ContentLength > maxBody {
		_, f, _ := splitFormat(e.Request.PathValue("file"))
		return h.fail(e, f, badRequest("The request is too large: at most %d MB, photos included.", maxBody>>20))
	}
	e.Request.Body = http.MaxBytesReader(e.Response, e.Request.Body, maxBody)
	return e.Next()
}

// top serves the resources at the API's root.
func (h *Handler) top(e *core.RequestEvent, f format, id string) error {
	switch id {
	case "discovery":
		return h.discovery(e, f)
	case "services":
		return h.services(e, f)
	case "requests":
		return h.requests(e, f)
	case "servicerequestupdates":
		return h.updates(e, f)
	}
	return notFound("There is no resource %s.", e.Request.URL.Path)
}

// create is the POST of a request; nothing else can be posted.
func (h *Handler) create(e *core.RequestEvent, f format, id string) error {
	switch id {
	case "requests":
		return h.withKey(e, f, h.post)
	case "discovery", "services", "servicerequestupdates":
		return badRequest("%s is read-only: only requests.%s takes a POST.", e.Request.URL.Path, f)
	}
	return notFound("There is no resource %s.", e.Request.URL.Path)
}

// unknown answers every other path and method under the prefix.
func (h *Handler) unknown(e *core.RequestEvent) error {
	_, f, _ := splitFormat(e.Request.URL.Path)
	if e.Request.Method != http.MethodGet && e.Request.Method != http.MethodHead && e.Request.Method != http.MethodPost {
		return h.fail(e, f, badRequest("Method %s is not supported: the API takes GET, and POST to requests.xml or requests.json.", e.Request.Method))
	}
	return h.fail(e, f, notFound("There is no resource %s.", e.Request.URL.Path))
}

// root sends people who open the API's address in a browser to the page
// for developers.
func (h *Handler) root(e *core.RequestEvent) error {
	return e.Redirect(http.StatusFound, "/"+h.town.Get().DefaultLanguage+"/developers")
}
