// Package demo seeds a fresh database with the demo town of Alder Creek, so
// that `make run` on a new machine shows a working site. It runs only while
// the database has no town record, so it never runs twice.
package demo

import (
	"crypto/rand"
	"fmt"
	"io/fs"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/kb"
)

// Credentials are the demo accounts created by Seed, printed once.
type Credentials struct {
	SuperuserEmail, SuperuserPassword string
	ResidentEmail, ResidentPassword   string
}

// Needed reports whether the database has no town yet.
func Needed(app core.App) (bool, error) {
	n, err := app.CountRecords("town")
	if err != nil {
		return false, fmt.Errorf("count town records: %w", err)
	}
	return n == 0, nil
}

// Seed creates the demo town, its departments, services, notices and
// knowledge base (from content), a demo superuser and a demo resident, all
// in one transaction: either the whole town is there or none of it.
func Seed(app core.App, content fs.FS) (*Credentials, *kb.Report, error) {
	creds := &Credentials{
		SuperuserEmail: "admin@aldercreek.example", SuperuserPassword: password(),
		ResidentEmail: "resident@aldercreek.example", ResidentPassword: password(),
	}
	data, err := readTown()
	if err != nil {
		return nil, nil, err
	}
	var report *kb.Report
	err = app.RunInTransaction(func(tx core.App) error {
		depts, err := seedDepartments(tx, data.Departments)
		if err != nil {
			return err
		}
		if err := seedServices(tx, data.Services, depts); err != nil {
			return err
		}
		if report, err = kb.Import(tx, content, "import"); err != nil {
			return fmt.Errorf("import starter content: %w", err)
		}
		if err := seedNotices(tx, data.Notices); err != nil {
			return err
		}
		if err := seedAccounts(tx, creds); err != nil {
			return err
		}
		if err := seedBooking(tx, data, time.Now()); err != nil {
			return err
		}
		// The town record goes last: it marks the seed as done.
		_, err = createRecord(tx, "town", data.Town)
		return err
	})
	if err != nil {
		return nil, nil, fmt.Errorf("seed demo town: %w", err)
	}
	s, err := app.Settings().Clone()
	if err != nil {
		return nil, nil, err
	}
	name, _ := data.Town["name"].(string)
	s.Meta.AppName = name
	s.Meta.SenderName = name
	s.Meta.SenderAddress = "no-reply@aldercreek.example"
	if err := app.Save(s); err != nil {
		return nil, nil, fmt.Errorf("save settings: %w", err)
	}
	return creds, report, nil
}

// createRecord saves a new record of collection with data.
func createRecord(tx core.App, collection string, data map[string]any) (*core.Record, error) {
	col, err := tx.FindCollectionByNameOrId(collection)
	if err != nil {
		return nil, err
	}
	r := core.NewRecord(col)
	r.Load(data)
	if err := tx.Save(r); err != nil {
		return nil, fmt.Errorf("create %s: %w", collection, err)
	}
	return r, nil
}

func seedDepartments(tx core.App, departments []department) (map[string]string, error) {
	ids := map[string]string{}
	for i, d := range departments {
		r, err := createRecord(tx, "departments", map[string]any{
			"slug": d.Slug, "name": d.Name, "description": d.Description, "email": d.Email, "phone": d.Phone,
			"location": d.Location, "hours": d.Hours, "sort": i, "translations": map[string]any{"es": d.Es},
		})
		if err != nil {
			return nil, fmt.Errorf("department %s: %w", d.Slug, err)
		}
		ids[d.Slug] = r.Id
	}
	return ids, nil
}

func seedServices(tx core.App, services []service, depts map[string]string) error {
	for i, s := range services {
		fields := s.Fields
		if fields == nil {
			fields = []map[string]any{}
		}
		_, err := createRecord(tx, "services", map[string]any{
			"code": s.Code, "name": s.Name, "description": s.Description, "what_you_need": s.Need,
			"department": depts[s.Dept], "group": s.Group, "keywords": s.Keywords, "fields": fields,
			"photos": s.Photos, "documents": s.Documents, "anonymous": s.Anonymous, "response_days": s.Days,
			"top_task": s.Top, "public_requests": s.Public, "sort": i, "active": true, "translations": map[string]any{"es": s.Es},
			"kind": s.Kind, "needs_location": s.NeedsLocation, "needs_description": s.NeedsDescription, "needs_contact": s.NeedsContact,
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func seedNotices(tx core.App, notices []notice) error {
	for _, n := range notices {
		_, err := createRecord(tx, "notices", map[string]any{
			"title": n.Title, "body": n.Body, "severity": n.Severity, "published": true,
			"translations": map[string]any{"es": n.Es},
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func seedAccounts(tx core.App, c *Credentials) error {
	su, err := tx.FindCollectionByNameOrId(core.CollectionNameSuperusers)
	if err != nil {
		return err
	}
	admin := core.NewRecord(su)
	admin.SetEmail(c.SuperuserEmail)
	admin.SetPassword(c.SuperuserPassword)
	if err := tx.Save(admin); err != nil {
		return fmt.Errorf("create demo superuser: %w", err)
	}
	users, err := tx.FindCollectionByNameOrId("users")
	if err != nil {
		return err
	}
	resident := core.NewRecord(users)
	resident.SetEmail(c.ResidentEmail)
	resident.SetPassword(c.ResidentPassword)
	resident.SetVerified(true)
	resident.Load(map[string]any{
		"name": "María López", "phone": "(555) 010-0777", "address": "31 Mill Street, Alder Creek",
		"language": "es", "role": "resident", "digest": "weekly", "alerts": true,
	})
	if err := tx.Save(resident); err != nil {
		return fmt.Errorf("create demo resident: %w", err)
	}
	return nil
}

// password returns a random password that is easy to read aloud and type.
func password() string {
	const alphabet = "abcdefghijkmnpqrstuvwxyz23456789"
	b := make([]byte, 16)
	rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b[:4]) + "-" + string(b[4:8]) + "-" + string(b[8:12]) + "-" + string(b[12:])
}
