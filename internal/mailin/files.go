package mailin

import (
	"fmt"
	"path"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/core/validators"
	"github.com/pocketbase/pocketbase/tools/filesystem"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/upload"
)

// minInlineImage is the size below which an image shown in the body is
// taken for decoration (a logo in a signature, a social-media icon) rather
// than a photo of the problem.
const minInlineImage = 10 << 10

// kept is the files a request takes, and all the names, for a note.
type kept struct {
	photos, documents []*filesystem.File
	names             []string
}

// files sorts attachments into the request's photos and documents under the
// same rules as the web form: what the service accepts, the types, sizes
// and counts of the requests collection's file fields, and the pixel limit. It returns the
// names of the files it could not keep.
func (in *Intake) files(code string, atts []Attachment) (kept, []string) {
	var k kept
	var dropped []string
	def := in.Town.Get().DefaultLanguage
	svc, err := requests.ServiceByCode(in.App, code, def, def)
	col, cerr := in.App.FindCachedCollectionByNameOrId("requests")
	if err != nil || cerr != nil {
		return k, names(atts)
	}
	photos, _ := col.Fields.GetByName("photos").(*core.FileField)
	docs, _ := col.Fields.GetByName("documents").(*core.FileField)
	for i, a := range atts {
		if a.Inline && len(a.Data) < minInlineImage && strings.HasPrefix(a.Type, "image/") {
			continue
		}
		name := fileName(a, i)
		f, err := filesystem.NewFileFromBytes(a.Data, name)
		if err != nil {
			dropped = append(dropped, name)
			continue
		}
		switch {
		case upload.TooLarge(upload.CheckFile(f)): // never decoded
			dropped = append(dropped, name)
			continue
		case svc.Photos && fits(photos, f, len(k.photos)):
			k.photos = append(k.photos, f)
		case svc.Documents && fits(docs, f, len(k.documents)):
			k.documents = append(k.documents, f)
		default:
			dropped = append(dropped, name)
			continue
		}
		k.names = append(k.names, name)
	}
	return k, dropped
}

// fits reports whether f may be added to a field that already holds n files.
func fits(field *core.FileField, f *filesystem.File, n int) bool {
	if field == nil || n >= field.MaxSelect {
		return false
	}
	size := field.MaxSize
	if size <= 0 {
		size = 5 << 20 // PocketBase's default for a field without a limit
	}
	if validators.UploadedFileSize(size)(f) != nil {
		return false
	}
	return len(field.MimeTypes) == 0 || validators.UploadedFileMimeType(field.MimeTypes)(f) == nil
}

// fileName is the attachment's own name without any folder, or a made-up one.
func fileName(a Attachment, i int) string {
	name := path.Base(strings.ReplaceAll(a.Name, `\`, "/"))
	if name == "." || name == "/" || name == "" {
		ext := ""
		if _, sub, ok := strings.Cut(a.Type, "/"); ok {
			ext = "." + sub
		}
		name = fmt.Sprintf("attachment-%d%s", i+1, ext)
	}
	return clip(name, 100)
}

func names(atts []Attachment) []string {
	out := make([]string, len(atts))
	for i, a := range atts {
		out[i] = fileName(a, i)
	}
	return out
}
