package schema

// FillClosing is fillClosing, for the migration's test.
var FillClosing = fillClosing
