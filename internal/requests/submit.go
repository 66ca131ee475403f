package requests

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/outbox"
)

// Submit validates, numbers, routes and stores a request from any channel,
// in one transaction with whatever the caller's hooks queue (confirmation
// emails), and removes the reporter's draft for the service. A
// *ValidationError lists every problem, each as a locale message id.
func (d *Domain) Submit(app core.App, in Input) (*core.Record, error) {
	t := d.Town.Get()
	lang := in.Language
	if !t.Offers(lang) {
		lang = t.DefaultLanguage
	}
	svc, err := ServiceByCode(app, in.ServiceCode, lang, t.DefaultLanguage)
	if errors.Is(err, sql.ErrNoRows) || errors.Is(err, ErrServiceUnavailable) {
		return nil, ErrServiceUnavailable
	}
	if err != nil {
		return nil, fmt.Errorf("submit request: %w", err) // a database problem, not the resident's
	}
	answers, verr := validate(svc, in)
	if verr != nil {
		return nil, verr
	}
	if n, ok := outbox.NormalizeNumber(in.ContactPhone); ok && in.TextUpdates {
		in.ContactPhone = n // texts go to it, and a text from it is known as the reporter's
	}
	var rec *core.Record
	err = app.RunInTransaction(func(tx core.App) error {
		col, err := tx.FindCollectionByNameOrId("requests")
		if err != nil {
			return err
		}
		svcRec, err := tx.FindRecordById("services", svc.ID)
		if err != nil {
			return err
		}
		rec = core.NewRecord(col)
		rec.Load(map[string]any{
			"service": svc.ID, "description": strings.TrimSpace(in.Description), "address": strings.TrimSpace(in.Address),
			"answers": answers, "channel": in.Channel, "reporter": in.ReporterID, "language": lang,
			"contact_name": in.ContactName, "contact_email": strings.TrimSpace(in.ContactEmail),
			"contact_phone": in.ContactPhone, "public": svcRec.GetBool("public_requests"), "text_updates": in.TextUpdates,
		})
		if in.Location != nil {
			rec.Set("location", *in.Location)
		}
		if len(in.Photos) > 0 {
			rec.Set("photos", in.Photos)
		}
		if len(in.Documents) > 0 {
			rec.Set("documents", in.Documents)
		}
		if err := tx.Save(rec); err != nil {
			return fieldErrors(err)
		}
		if in.ReporterID != "" {
			return DeleteDraft(tx, in.ReporterID, svc.ID)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return rec, nil
}

// fieldErrors turns PocketBase's record validation errors (file too big,
// wrong type) into a ValidationError the reporter can act on.
func fieldErrors(err error) error {
	var verrs validation.Errors
	if !errors.As(err, &verrs) {
		return fmt.Errorf("save request: %w", err)
	}
	out := &ValidationError{}
	for field, e := range verrs {
		switch field {
		case "photos", "documents":
			out.Add(field, fileMessage(e), fileLimits[field])
		default:
			out.Add(field, "request.error.invalid", nil)
		}
	}
	return out.sorted()
}

// fileLimits are the file fields' limits as residents read them.
var fileLimits = map[string]map[string]any{
	"photos":    {"Max": "8 MB", "Name": "JPEG, PNG, WebP, HEIC", "Count": 5},
	"documents": {"Max": "10 MB", "Name": "PDF, JPEG, PNG", "Count": 5},
}

// fileMessage tells a file of the wrong type from one too large and from
// too many files: each needs a different fix.
func fileMessage(err error) string {
	var ve validation.Error
	if !errors.As(err, &ve) {
		return "request.error.file"
	}
	switch ve.Code() {
	case "validation_invalid_mime_type":
		return "request.error.file_type"
	case "validation_file_size_limit":
		return "request.error.file_size"
	case "validation_too_many_files":
		return "request.error.file_count"
	}
	return "request.error.file"
}
