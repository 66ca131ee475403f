package upload

import (
	"fmt"
	"net/http"
	"os"
	"strings"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
)

// ThumbWorkers is how many thumbnails PocketBase decodes at once (its
// PB_THUMBS_MAX_WORKERS, unless set): with MaxPixels that bounds what
// thumbnails take, about 160 MB each at worst for 8-bit colour.
const ThumbWorkers = "2"

// errField is the field error of a record save: the dashboard and the REST
// API show its message (in English, like PocketBase's own).
var errField = validation.NewError("validation_image_too_large",
	fmt.Sprintf("This picture is too large: at most %d megapixels.", MaxMegapixels))

// Register refuses pictures over MaxPixels in every file field of every
// collection, whoever saves the record (the dashboard, the REST API, the
// site), refuses to make a thumbnail of one already stored, and lets at
// most ThumbWorkers thumbnails be made at once.
func Register(app core.App) {
	if os.Getenv("PB_THUMBS_MAX_WORKERS") == "" {
		os.Setenv("PB_THUMBS_MAX_WORKERS", ThumbWorkers)
	}
	app.OnRecordValidate().BindFunc(func(e *core.RecordEvent) error {
		if errs := pixelErrors(e.Record); len(errs) > 0 {
			return errs
		}
		return e.Next()
	})
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.BindFunc(refuseHugeThumbs)
		return se.Next()
	})
}

// pixelErrors checks the files being added to r.
func pixelErrors(r *core.Record) validation.Errors {
	errs := validation.Errors{}
	for _, f := range r.Collection().Fields {
		if f.Type() != core.FieldTypeFile {
			continue
		}
		if TooLarge(CheckFiles(r.GetUnsavedFiles(f.GetName()))) {
			errs[f.GetName()] = errField
		}
	}
	return errs
}

// refuseHugeThumbs answers a thumbnail request (GET
// /api/files/{collection}/{record}/{file}?thumb=…) for a picture over
// MaxPixels with 422 instead of letting PocketBase decode it. Only the
// header of the stored file is read. Anything else passes on.
func refuseHugeThumbs(e *core.RequestEvent) error {
	if e.Request.Method != http.MethodGet || !strings.HasPrefix(e.Request.URL.Path, "/api/files/") ||
		e.Request.URL.Query().Get("thumb") == "" {
		return e.Next()
	}
	col, err := e.App.FindCachedCollectionByNameOrId(e.Request.PathValue("collection"))
	if err != nil {
		return e.Next()
	}
	rec, err := e.App.FindRecordById(col, e.Request.PathValue("recordId"))
	name := e.Request.PathValue("filename")
	if err != nil || rec.FindFileFieldByFile(name) == nil {
		return e.Next()
	}
	if TooLarge(storedFile(e.App, rec.BaseFilesPath()+"/"+name)) {
		return e.Error(http.StatusUnprocessableEntity,
			fmt.Sprintf("This picture is too large for a thumbnail: at most %d megapixels.", MaxMegapixels), nil)
	}
	return e.Next()
}

// storedFile is Check on a file in the app's storage.
func storedFile(app core.App, key string) error {
	fsys, err := app.NewFilesystem()
	if err != nil {
		return err
	}
	defer fsys.Close()
	r, err := fsys.GetReader(key)
	if err != nil {
		return err
	}
	defer r.Close()
	return Check(r)
}
