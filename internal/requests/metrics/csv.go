package metrics

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/clock"
	"github.com/townhall/townhall/internal/i18n"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/town"
)

// OpenColumns are the Open311 GeoReport v2 request fields, in the spec's
// order, that begin every row of the CSV.
var OpenColumns = []string{
	"service_request_id", "status", "status_notes", "service_name", "service_code", "description",
	"agency_responsible", "service_notice", "requested_datetime", "updated_datetime", "expected_datetime",
	"address", "address_id", "zipcode", "lat", "long", "media_url",
}

// ExtraColumns follow: the town's own status, channel, close date, days to
// close, whether on time, reopenings, satisfaction and whether a duplicate.
var ExtraColumns = []string{"town_status", "channel", "closed_datetime", "days_to_close", "on_time", "reopens", "satisfaction", "duplicate"}

// ContactColumns end the staff's CSV only.
var ContactColumns = []string{"contact_name", "contact_email", "contact_phone", "reporter_email"}

// ExportBatch is how many requests one query of the export reads.
const ExportBatch = 500

// Export is the requests of a period as CSV. Staff get every request in
// scope with the contact columns; the public gets only public requests,
// each as the public sees it (requests.PublicDescription, PublicAddress,
// the map point rounded to about 100 m) and nothing personal.
type Export struct {
	Period   Period
	Scope    Scope
	Staff    bool
	Names    map[string][2]string // service id → code and name
	Agencies map[string]string    // department id → name
	Loc      *time.Location       // the town's zone, for dates
	BaseURL  string               // the site's origin, for photo links

	requests *core.Collection
}

// exportRow is what the export reads of a request.
type exportRow struct {
	ID          string `db:"id"`
	Number      string `db:"number"`
	Status      string `db:"status"`
	Service     string `db:"service"`
	Department  string `db:"department"`
	Description string `db:"description"`
	PubDesc     string `db:"published_description"`
	Address     string `db:"address"`
	PubAddress  string `db:"published_address"`
	Location    string `db:"location"`
	Photos      string `db:"photos"`
	Channel     string `db:"channel"`
	Public      bool   `db:"public"`
	Created     string `db:"created"`
	Updated     string `db:"updated"`
	Due         string `db:"due"`
	Closed      string `db:"closed_at"`
	Reopens     int    `db:"reopens"`
	Sat         string `db:"satisfaction"`
	Dup         string `db:"duplicate_of"`
	ContactName string `db:"contact_name"`
	Email       string `db:"contact_email"`
	Phone       string `db:"contact_phone"`
	Reporter    string `db:"reporter_email"`
}

// Write streams the CSV to w in batches of ExportBatch, walking the
// (created, id) index, so memory stays flat however long the period.
func (x *Export) Write(app core.App, w io.Writer) error {
	col, err := app.FindCachedCollectionByNameOrId("requests")
	if err != nil {
		return err
	}
	x.requests = col
	cw := csv.NewWriter(w)
	head := append(append([]string{}, OpenColumns...), ExtraColumns...)
	if x.Staff {
		head = append(head, ContactColumns...)
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	after, afterID := stamp(x.Period.From), ""
	batch := make([]exportRow, 0, ExportBatch)
	for {
		batch = batch[:0]
		if err := x.query(app, after, afterID).All(&batch); err != nil {
			return fmt.Errorf("export requests: %w", err)
		}
		for i := range batch {
			if err := cw.Write(x.record(&batch[i])); err != nil {
				return err
			}
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return err
		}
		if len(batch) < ExportBatch {
			return nil
		}
		last := batch[len(batch)-1]
		after, afterID = last.Created, last.ID
	}
}

// query is the next batch after (created, id).
func (x *Export) query(app core.App, after, afterID string) *dbx.Query {
	q, params := x.sql(after, afterID)
	return app.DB().NewQuery(q).Bind(params)
}

// sql is the query of the batch after (created, id), and its parameters.
func (x *Export) sql(after, afterID string) (string, dbx.Params) {
	params := dbx.Params{"after": after, "id": afterID, "to": stamp(x.Period.To)}
	scope := x.Scope.departments("r.department", params)
	cols := "r.id, r.number, r.status, r.service, r.department, r.description, r.published_description, r.address, " +
		"r.published_address, r.location, r.photos, r.channel, r.public, r.created, r.updated, r.due, r.closed_at, " +
		"r.reopens, r.satisfaction, r.duplicate_of, "
	from := " FROM requests r INDEXED BY idx_requests_desk_created"
	if x.Staff {
		cols += "r.contact_name, r.contact_email, r.contact_phone, COALESCE(u.email, '') AS reporter_email"
		from += " LEFT JOIN users u ON u.id = r.reporter"
	} else {
		cols += "'' AS contact_name, '' AS contact_email, '' AS contact_phone, '' AS reporter_email"
		scope += " AND r.public = TRUE"
	}
	return "SELECT " + cols + from +
		" WHERE (r.created, r.id) > ({:after}, {:id}) AND r.created < {:to}" + scope +
		" ORDER BY r.created, r.id LIMIT " + strconv.Itoa(ExportBatch), params
}

// record is one request as a CSV row.
func (x *Export) record(r *exportRow) []string {
	loc := x.Loc
	created, closed := parseStamp(r.Created), parseStamp(r.Closed)
	updated := parseStamp(r.Updated)
	if !closed.IsZero() {
		updated = closed
	}
	svc := x.Names[r.Service]
	desc, addr := r.Description, r.Address
	lat, long := point(r.Location, x.Staff)
	if !x.Staff {
		rec := core.NewRecord(x.requests)
		rec.Load(map[string]any{"description": r.Description, "published_description": r.PubDesc, "channel": r.Channel,
			"address": r.Address, "published_address": r.PubAddress})
		desc, _ = requests.PublicDescription(rec)
		addr = requests.PublicAddress(rec)
	}
	days, onTime := "", ""
	if !closed.IsZero() {
		days = strconv.FormatFloat(math.Round(clock.WallDays(created, closed, loc)*100)/100, 'f', -1, 64)
		onTime = strconv.FormatBool(!closed.After(parseStamp(r.Due)))
	}
	row := []string{
		r.Number, openStatus(r.Status), "", svc[1], svc[0], desc, x.Agencies[r.Department], "",
		w3c(created, loc), w3c(updated, loc), w3c(parseStamp(r.Due), loc), addr, "", "", lat, long, x.media(r),
		r.Status, r.Channel, w3c(closed, loc), days, onTime, strconv.Itoa(r.Reopens), r.Sat, strconv.FormatBool(r.Dup != ""),
	}
	if x.Staff {
		row = append(row, r.ContactName, r.Email, r.Phone, r.Reporter)
	}
	return row
}

// media is the link to the request's first photo, for public requests.
func (x *Export) media(r *exportRow) string {
	var names []string
	if !r.Public || json.Unmarshal([]byte(r.Photos), &names) != nil || len(names) == 0 {
		return ""
	}
	return x.BaseURL + requests.PhotoPath(r.Number, names[0])
}

// openStatus is Open311's open or closed.
func openStatus(s string) string {
	if requests.IsOpen(s) {
		return "open"
	}
	return "closed"
}

// w3c is an instant in the town's zone, as Open311 writes dates; "" for none.
func w3c(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format(time.RFC3339)
}

// point is the map point; the public's is rounded to about 100 m.
func point(raw string, exact bool) (lat, long string) {
	var p struct{ Lat, Lon float64 }
	if len(raw) == 0 || json.Unmarshal([]byte(raw), &p) != nil || (p.Lat == 0 && p.Lon == 0) {
		return "", ""
	}
	if !exact {
		p.Lat, p.Lon = math.Round(p.Lat*1000)/1000, math.Round(p.Lon*1000)/1000
	}
	return strconv.FormatFloat(p.Lat, 'f', -1, 64), strconv.FormatFloat(p.Lon, 'f', -1, 64)
}

// NewExport prepares the CSV of p for s, with service and department names
// in lang (or the town's default language).
func NewExport(app core.App, t *town.Town, lang string, p Period, s Scope, staff bool, baseURL string) (*Export, error) {
	x := &Export{Period: p, Scope: s, Staff: staff, Loc: t.Location, BaseURL: baseURL,
		Names: map[string][2]string{}, Agencies: map[string]string{}}
	svcs, err := app.FindAllRecords("services")
	if err != nil {
		return nil, fmt.Errorf("services for the export: %w", err)
	}
	for _, r := range svcs {
		name, _ := i18n.Text(r, "name", lang, t.DefaultLanguage)
		x.Names[r.Id] = [2]string{r.GetString("code"), name}
	}
	depts, err := town.Departments(app, lang, t.DefaultLanguage)
	if err != nil {
		return nil, err
	}
	for _, dp := range depts {
		x.Agencies[dp.ID] = dp.Name
	}
	return x, nil
}
