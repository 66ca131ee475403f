package web

import (
	"fmt"
	"slices"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests"
)

// photo serves one photo of a request (requests.PhotoPath), as PocketBase's
// file API would, ?thumb= included. The photos field is protected, so
// /api/files refuses visitors without a file token; here a public request's
// photos are served to anyone, and a private request's only to its reporter
// (account or signed key) and staff. Anyone else gets the same 404 as for a
// photo that does not exist.
func (h *Handler) photo(e *core.RequestEvent) error {
	req, err := requests.ByNumber(e.App, e.Request.PathValue("number"))
	name := e.Request.PathValue("name")
	if err != nil || !slices.Contains(req.GetStringSlice("photos"), name) {
		return e.NotFoundError("", nil)
	}
	public := req.GetBool("public")
	if !public {
		if mine, _ := h.isReporter(e, req); !mine && !requests.IsStaff(e.Auth) {
			return e.NotFoundError("", nil)
		}
		e.Response.Header().Set("Cache-Control", "private, no-store")
	}
	field, _ := req.Collection().Fields.GetByName("photos").(*core.FileField)
	if field == nil {
		return e.NotFoundError("", nil)
	}
	return servePhoto(e, req, field, name, e.Request.URL.Query().Get("thumb"))
}

// servePhoto streams the file, or its thumbnail of one of the field's sizes
// (made on first use, as PocketBase does), through the same
// OnFileDownloadRequest hook as /api/files.
func servePhoto(e *core.RequestEvent, req *core.Record, field *core.FileField, name, thumb string) error {
	fsys, err := e.App.NewFilesystem()
	if err != nil {
		return fmt.Errorf("open file storage: %w", err)
	}
	defer fsys.Close()
	base := req.BaseFilesPath()
	ev := &core.FileDownloadRequestEvent{RequestEvent: e, Collection: req.Collection(), Record: req, FileField: field,
		ServedPath: base + "/" + name, ServedName: name}
	if thumb != "" && slices.Contains(field.Thumbs, thumb) {
		thumbName := thumb + "_" + name
		thumbPath := base + "/thumbs_" + name + "/" + thumbName
		ok, _ := fsys.Exists(thumbPath)
		if !ok {
			if err := fsys.CreateThumb(ev.ServedPath, thumbPath, thumb); err != nil {
				e.App.Logger().Warn("photo thumbnail failed; serving the original", "error", err, "file", ev.ServedPath)
				ev.ThumbError = err
			} else {
				ok = true
			}
		}
		if ok {
			ev.ServedPath, ev.ServedName = thumbPath, thumbName
		}
	}
	return e.App.OnFileDownloadRequest().Trigger(ev, func(ev *core.FileDownloadRequestEvent) error {
		if err := fsys.Serve(ev.Response, ev.Request, ev.ServedPath, ev.ServedName); err != nil {
			return ev.NotFoundError("", err)
		}
		return nil
	})
}
