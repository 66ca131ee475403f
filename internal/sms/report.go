package sms

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests"
)

// maxChoices is how many services the numbered list shows.
const maxChoices = 9

// askService lists the services a problem can be reported to, numbered.
func (t *turn) askService() error {
	tw := t.c.Town.Get()
	svcs, err := requests.Services(t.tx, t.lang, tw.DefaultLanguage)
	if err != nil {
		return fmt.Errorf("list services for a text: %w", err)
	}
	t.st.Choices = nil
	var lines []string
	for _, s := range svcs {
		if s.Kind != requests.KindProblem || len(t.st.Choices) == maxChoices {
			continue
		}
		t.st.Choices = append(t.st.Choices, s.Code)
		lines = append(lines, strconv.Itoa(len(t.st.Choices))+" "+s.Name)
	}
	t.num.Set("step", stepService)
	t.outcome("report")
	return t.reply("sms.reply.services", nil, strings.Join(lines, ", "))
}

// report takes the answer to the step the report is at.
func (t *turn) report(step string) error {
	t.outcome("report")
	body := t.in.Body
	switch step {
	case stepService:
		n, err := strconv.Atoi(strings.Trim(body, " .#"))
		if err != nil || n < 1 || n > len(t.st.Choices) {
			return t.askService()
		}
		t.st.Service = t.st.Choices[n-1]
		if t.st.Description != "" {
			return t.ask(stepWhere, "sms.reply.where")
		}
		return t.ask(stepWhat, "sms.reply.what")
	case stepWhat:
		t.st.Description = clip(body, requests.MaxDescription)
		return t.ask(stepWhere, "sms.reply.where")
	case stepWhere:
		t.st.Address = clip(body, requests.MaxAddress)
		if len(t.files.files) > 0 {
			return t.file()
		}
		return t.ask(stepPhoto, "sms.reply.photo")
	default: // stepPhoto: a picture, or NO
		return t.file()
	}
}

func (t *turn) ask(step, id string) error {
	t.num.Set("step", step)
	return t.reply(id, nil)
}

// file submits the report with channel sms; the number gets texts about
// it. A problem with what was sent is texted back, and the report goes
// back to the step that can fix it.
func (t *turn) file() error {
	tw := t.c.Town.Get()
	in := requests.Input{ServiceCode: t.st.Service, Description: t.st.Description, Address: t.st.Address,
		Channel: requests.ChannelSMS, ContactPhone: t.in.From, Language: t.lang, TextUpdates: true, Photos: t.files.files}
	rec, err := t.c.Requests.Submit(t.tx, in)
	if v, ok := requests.AsValidation(err); ok && len(v.Fields) > 0 {
		f := v.Fields[0]
		step := stepWhat
		if f.Field == "address" {
			step = stepWhere
		}
		t.num.Set("step", step)
		return t.reply("sms.reply.invalid", map[string]any{"Problem": t.c.Bundle.T(t.lang, f.Message, f.Data)})
	}
	if errors.Is(err, requests.ErrServiceUnavailable) {
		return t.askService()
	}
	if err != nil {
		return fmt.Errorf("file a report by text: %w", err)
	}
	if err := t.notes(rec, tw.DefaultLanguage); err != nil {
		return err
	}
	t.num.Set("step", "")
	t.st = state{}
	t.msg.Set("request", rec.Id)
	t.num.Set("last_request", rec.GetString("number"))
	return t.c.composer().TextFiled(t.tx, t.text("sms.filed"), rec)
}

// notes tell the staff what a text could not give: the form's required
// questions (a text does not ask them, as an email does not) and pictures
// that could not be fetched.
func (t *turn) notes(rec *core.Record, def string) error {
	var notes []string
	if svc, err := requests.ServiceByCode(t.tx, t.st.Service, def, def); err == nil {
		var qs []string
		for _, a := range svc.Unanswered(nil) {
			if a.Required {
				qs = append(qs, requests.In(a.Description, def, def))
			}
		}
		if len(qs) > 0 {
			notes = append(notes, t.c.Bundle.T(def, "sms.note.unanswered", map[string]any{"Query": strings.Join(qs, "; ")}))
		}
	}
	if len(t.files.failed) > 0 {
		notes = append(notes, t.c.Bundle.T(def, "sms.note.photo", map[string]any{"Query": strings.Join(t.files.failed, " ")}))
	}
	for _, n := range notes {
		if _, err := requests.AddUpdate(t.tx, requests.Update{RequestID: rec.Id, Kind: "note", Body: n, Channel: requests.ChannelSMS}); err != nil {
			return fmt.Errorf("add a note to a report by text: %w", err)
		}
	}
	return nil
}

// generalService is the general inquiry: a question for the clerk.
const generalService = "general"

// clerkService takes questions for the clerk: the general inquiry, else
// the first service for questions.
func (t *turn) clerkService() string {
	tw := t.c.Town.Get()
	svcs, err := requests.Services(t.tx, tw.DefaultLanguage, tw.DefaultLanguage)
	if err != nil {
		return generalService
	}
	for _, s := range svcs {
		if s.Code == generalService {
			return s.Code
		}
	}
	for _, s := range svcs {
		if s.Kind == requests.KindQuestion {
			return s.Code
		}
	}
	return generalService
}

// clerk files the number's last question for the clerk, with its recent
// texts, and texts back the request's number and link.
func (t *turn) clerk() error {
	t.outcome("clerk")
	recent, err := t.tx.FindRecordsByFilter("sms_messages", "number = {:n}", "-created", 6, 0, map[string]any{"n": t.in.From})
	if err != nil {
		return fmt.Errorf("read the number's texts: %w", err)
	}
	var lines []string
	for i := len(recent) - 1; i >= 0; i-- {
		if b := recent[i].GetString("body"); b != "" && recent[i].Id != t.msg.Id && b != t.st.Question {
			lines = append(lines, "> "+b)
		}
	}
	desc := strings.TrimSpace(t.st.Question + "\n\n" + strings.Join(lines, "\n"))
	if desc == "" {
		return t.reply("sms.reply.clerk_empty", nil)
	}
	in := requests.Input{ServiceCode: t.clerkService(), Description: clip(desc, requests.MaxDescription),
		Channel: requests.ChannelSMS, ContactPhone: t.in.From, Language: t.lang, TextUpdates: true}
	rec, err := t.c.Requests.Submit(t.tx, in)
	if err != nil {
		t.tx.Logger().Warn("sms: file a question for the clerk", "error", err)
		return t.reply("sms.reply.clerk_failed", nil)
	}
	t.st.Question = ""
	t.msg.Set("request", rec.Id)
	return t.c.composer().TextFiled(t.tx, t.text("sms.filed"), rec)
}
