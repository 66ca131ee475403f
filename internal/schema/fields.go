package schema

import "github.com/pocketbase/pocketbase/core"

// Rules and fields that many collections share.

// readable sets who may list and view a collection's records: whoever the
// API rule filter admits; "" admits anyone, signed in or not.
func readable(c *core.Collection, filter string) {
	c.ListRule, c.ViewRule = rule(filter), rule(filter)
}

// ownRule is the API rule that admits the signed-in account field names.
func ownRule(field string) string { return field + " = @request.auth.id" }

// owner is the account a record belongs to: required, and the record goes
// when the account does.
func owner(name string) *core.RelationField {
	return &core.RelationField{Name: name, Required: true, MaxSelect: 1, CollectionId: "users", CascadeDelete: true}
}

// label is a record's required name or title, the field the admin UI shows
// for it.
func label(name string, max int, help string) *core.TextField {
	return &core.TextField{Name: name, Required: true, Max: max, Presentable: true, Help: help}
}

// slug is the required part of a record's address, unique by an index
// the collection adds.
func slug() *core.TextField {
	return &core.TextField{Name: "slug", Required: true, Max: 60, Pattern: `^[a-z0-9-]+$`}
}
