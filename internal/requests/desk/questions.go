package desk

import (
	"errors"
	"fmt"
	"slices"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests"
)

// ErrNotClerk is an action only the clerk may take.
var ErrNotClerk = errors.New("desk: only the clerk may do this")

// Questions are a service's form questions, in their order.
func Questions(svc *core.Record) ([]requests.Attribute, error) {
	var qs []requests.Attribute
	if err := svc.UnmarshalJSONField("fields", &qs); err != nil {
		return nil, fmt.Errorf("read the questions of %s: %w", svc.GetString("code"), err)
	}
	slices.SortStableFunc(qs, func(a, b requests.Attribute) int { return a.Order - b.Order })
	return qs, nil
}

// Move returns qs with question i moved by one place up (-1) or down (+1);
// a move past either end changes nothing.
func Move(qs []requests.Attribute, i, by int) []requests.Attribute {
	j := i + by
	if i < 0 || i >= len(qs) || j < 0 || j >= len(qs) {
		return qs
	}
	qs[i], qs[j] = qs[j], qs[i]
	return qs
}

// SaveQuestions checks qs with the rules every path follows
// (requests.CheckQuestions, the six Open311 datatypes) and stores them on
// the service in the order given. Only the clerk edits questions. A
// refusal is a *requests.ValidationError naming each question's problem.
func (s *Staff) SaveQuestions(app core.App, svc *core.Record, qs []requests.Attribute) error {
	if !s.Clerk {
		return ErrNotClerk
	}
	if verr := requests.CheckQuestions(qs); verr != nil {
		return verr
	}
	for i := range qs {
		qs[i].Order = i + 1
		if qs[i].Datatype != "singlevaluelist" && qs[i].Datatype != "multivaluelist" {
			qs[i].Values = nil
		}
	}
	svc.Set("fields", qs)
	if err := app.Save(svc); err != nil {
		return fmt.Errorf("save the questions of %s: %w", svc.GetString("code"), err)
	}
	return nil
}
