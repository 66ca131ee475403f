package requests

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Draft is a resident's unfinished form for one service: field name to the
// values typed.
type Draft map[string][]string

// SaveDraft keeps what the resident typed so far, one draft per service.
func SaveDraft(app core.App, userID, serviceID string, data Draft) error {
	rec, err := app.FindFirstRecordByFilter("drafts", "user = {:u} && service = {:s}", dbx.Params{"u": userID, "s": serviceID})
	if errors.Is(err, sql.ErrNoRows) {
		col, cerr := app.FindCollectionByNameOrId("drafts")
		if cerr != nil {
			return cerr
		}
		rec = core.NewRecord(col)
		rec.Load(map[string]any{"user": userID, "service": serviceID})
	} else if err != nil {
		return fmt.Errorf("find draft: %w", err)
	}
	rec.Set("data", data)
	if err := app.Save(rec); err != nil {
		return fmt.Errorf("save draft: %w", err)
	}
	return nil
}

// LoadDraft returns the resident's draft for a service, or nil.
func LoadDraft(app core.App, userID, serviceID string) Draft {
	rec, err := app.FindFirstRecordByFilter("drafts", "user = {:u} && service = {:s}", dbx.Params{"u": userID, "s": serviceID})
	if err != nil {
		return nil
	}
	var d Draft
	if err := rec.UnmarshalJSONField("data", &d); err != nil {
		return nil
	}
	return d
}

// DeleteDraft removes the resident's draft for a service, if any.
func DeleteDraft(app core.App, userID, serviceID string) error {
	_, err := app.DB().NewQuery("DELETE FROM drafts WHERE user = {:u} AND service = {:s}").
		Bind(dbx.Params{"u": userID, "s": serviceID}).Execute()
	return err
}
