package demo

import (
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests"
)

// demoRequest is a request the demo's residents filed, with what the town
// did about it since. Contacts go only in the private contact fields; the
// public pages show the street, never the house number.
type demoRequest struct {
	In        requests.Input
	Age       time.Duration // how long ago it was filed
	Published string        // the description as staff published it
	Updates   []demoUpdate
}

// demoUpdate is a timeline entry, made After the request was filed.
type demoUpdate struct {
	After                    time.Duration
	Kind, Status, Body, From string
}

const aDay = 24 * time.Hour

// demoRequests are a few requests in every state, across departments, so the
// public list and the staff desk are not empty on first start; oldest
// first, so that their numbers follow the order they were filed in.
var demoRequests = []demoRequest{
	{Age: 14 * aDay, In: requests.Input{ServiceCode: "public-records", Channel: requests.ChannelWalkIn, Language: "en",
		Description: "Minutes of the Select Board meetings about the Quarry Road repaving.", ContactName: "Sam Patel",
		ContactPhone: "(555) 010-0611", Answers: map[string][]string{"records": {"Select Board minutes that mention the Quarry Road repaving, 2024 to now"}, "format": {"paper"}}}},
	{Age: 6 * aDay, In: requests.Input{ServiceCode: "missed-pickup", Channel: requests.ChannelPhone, Language: "en",
		Address: "7 Birch Lane", Description: "Our recycling bin was out by 6 but not emptied. Tom Reilly, call me back on 555-010-0123.",
		ContactName: "Tom Reilly", ContactPhone: "(555) 010-0123",
		Answers: map[string][]string{"bins": {"recycling"}, "collection_day": {"DATE-1"}}},
		Published: "The recycling bins on Birch Lane were not emptied on collection day.",
		Updates: []demoUpdate{
			{After: 2 * time.Hour, Kind: "note", From: "Public Works", Body: "Driver says the truck broke down on Birch Lane."},
			{After: aDay, Kind: "status", Status: requests.StatusResolved, From: "Public Works",
				Body: "The crew came back the next morning and emptied every recycling bin on the street."},
		}},
	{Age: 4 * aDay, In: requests.Input{ServiceCode: "streetlight", Channel: requests.ChannelWeb, Language: "es",
		Address: "120 River Road", Description: "La farola frente a la parada del autobús lleva una semana apagada.",
		ContactName: "Ana Torres", ContactPhone: "(555) 010-0342", Answers: map[string][]string{"problem": {"dark"}}},
		Updates: []demoUpdate{
			{After: aDay, Kind: "status", Status: requests.StatusInProgress, From: "Public Works"},
			{After: aDay + time.Hour, Kind: "comment", From: "Public Works",
				Body: "The lamp has burnt out. A bucket truck will replace it this week."},
		}},
	{Age: 3 * aDay, In: requests.Input{ServiceCode: "water-bill", Channel: requests.ChannelPhone, Language: "en",
		Description: "My last bill is three times the usual amount. Nobody has been living in the house since August.",
		ContactName: "Grace Kim", ContactPhone: "(555) 010-0588", Answers: map[string][]string{"account": {"40-1182"}}},
		Updates: []demoUpdate{
			{After: aDay, Kind: "comment", From: "Water and Sewer",
				Body: "Could you send us a photo of the meter, with the numbers readable? Then we can check the reading."},
			{After: aDay + time.Minute, Kind: "status", Status: requests.StatusWaiting, From: "Water and Sewer"},
		}},
	{Age: 5 * time.Hour, In: requests.Input{ServiceCode: "snow-plowing", Channel: requests.ChannelEmail, Language: "en",
		Address: "215 Quarry Road", Description: "The plow went by this morning but the hill on Quarry Road is solid ice.\n\n" +
			"Ruth Okafor\n215 Quarry Road, Alder Creek\n(555) 010-0456",
		ContactName: "Ruth Okafor", ContactEmail: "ruth.okafor@example.net", Answers: map[string][]string{"problem": {"icy"}}}},
	{Age: 3 * time.Hour, In: requests.Input{ServiceCode: "pothole", Channel: requests.ChannelWeb, Language: "en",
		Address: "48 Elm Street", Description: "A deep pothole in the eastbound lane, just before the school crossing.",
		Answers: map[string][]string{"size": {"medium"}, "lane": {"Eastbound"}}}},
}

// SeedRequests files the demo requests through the requests domain, so they
// get real numbers and due dates, then dates each one and its timeline back
// to when it happened by d's clock. It runs once, right after Seed, with
// d's town loaded; the invented residents are never written to (their
// requests and updates queue no mail). All or none are stored.
func SeedRequests(app core.App, d *requests.Domain) error {
	now := d.Now()
	t := d.Town.Get()
	return app.RunInTransaction(func(tx core.App) error {
		for _, dr := range demoRequests {
			filed := now.Add(-dr.Age)
			in := dr.In
			in.Answers = datedAnswers(in.Answers, filed.In(t.Location))
			rec, err := d.Submit(tx, in)
			if err != nil {
				return fmt.Errorf("demo request %s: %w", in.ServiceCode, err)
			}
			closed, err := seedTimeline(tx, rec, dr, filed)
			if err != nil {
				return err
			}
			svc, err := tx.FindRecordById("services", rec.GetString("service"))
			if err != nil {
				return err
			}
			due := requests.DueDate(t, filed, svc.GetInt("response_days"))
			days, onTime := requests.Closing(filed, closed, due, t.Location)
			more := dbx.Params{"due": stamp(due), "updated": stamp(lastChange(dr, filed)),
				"close_days": days, "closed_on_time": onTime}
			if err := setTimes(tx, "requests", rec.Id, filed, more); err != nil {
				return err
			}
		}
		return nil
	})
}

// lastChange is when the request last changed: its last update, or filing.
func lastChange(dr demoRequest, filed time.Time) time.Time {
	last := filed
	for _, u := range dr.Updates {
		if at := filed.Add(u.After); at.After(last) {
			last = at
		}
	}
	return last
}

// datedAnswers writes a date answer "DATE-n" as the day n days before filed.
func datedAnswers(in map[string][]string, filed time.Time) map[string][]string {
	out := map[string][]string{}
	for k, vs := range in {
		for _, v := range vs {
			var n int
			if _, err := fmt.Sscanf(v, "DATE-%d", &n); err == nil {
				v = filed.AddDate(0, 0, -n).Format(time.DateOnly)
			}
			out[k] = append(out[k], v)
		}
	}
	return out
}

// seedTimeline adds the request's updates (the hooks apply status changes)
// and its published description, each dated when it happened, and returns
// when it was last closed (zero if open).
func seedTimeline(tx core.App, rec *core.Record, dr demoRequest, filed time.Time) (time.Time, error) {
	var closed time.Time
	for _, u := range dr.Updates {
		at := filed.Add(u.After)
		up, err := requests.AddUpdate(tx, requests.Update{RequestID: rec.Id, Kind: u.Kind, Status: u.Status, Body: u.Body, AuthorName: u.From})
		if err != nil {
			return closed, fmt.Errorf("demo update on %s: %w", rec.GetString("number"), err)
		}
		if err := setTimes(tx, "request_updates", up.Id, at, nil); err != nil {
			return closed, err
		}
		if u.Kind == "status" && !requests.IsOpen(u.Status) {
			closed = at
		}
	}
	fresh, err := tx.FindRecordById("requests", rec.Id)
	if err != nil {
		return closed, err
	}
	if dr.Published != "" {
		fresh.Set("published_description", dr.Published)
		if err := tx.Save(fresh); err != nil {
			return closed, fmt.Errorf("publish demo request %s: %w", rec.GetString("number"), err)
		}
	}
	if closed.IsZero() {
		return closed, nil
	}
	_, err = tx.DB().Update("requests", dbx.Params{"closed_at": stamp(closed)}, dbx.HashExp{"id": rec.Id}).Execute()
	return closed, err
}

// setTimes dates a record back to at (created and updated), with any other
// columns in more. Autodate fields cannot be set through Save.
func setTimes(tx core.App, table, id string, at time.Time, more dbx.Params) error {
	cols := dbx.Params{"created": stamp(at), "updated": stamp(at)}
	for k, v := range more {
		cols[k] = v
	}
	if _, err := tx.DB().Update(table, cols, dbx.HashExp{"id": id}).Execute(); err != nil {
		return fmt.Errorf("date demo %s back: %w", table, err)
	}
	return nil
}

// stamp is t as PocketBase stores dates.
func stamp(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05.000Z") }
