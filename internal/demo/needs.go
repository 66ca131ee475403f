package demo

// need is what a demo service's requests must have, and its kind of form
// (see the services collection's kind and needs_* fields).
type need struct {
	Kind                           string
	Location, Description, Contact bool
}

// needs are the demo services' needs by code: a problem on the street needs
// a place; an application needs a way to answer; a question needs the question.
var needs = map[string]need{
	"pothole":         {Kind: "problem", Location: true},
	"streetlight":     {Kind: "problem", Location: true},
	"missed-pickup":   {Kind: "problem", Location: true, Contact: true},
	"bulk-pickup":     {Kind: "application", Location: true, Contact: true},
	"snow-plowing":    {Kind: "problem", Location: true},
	"water-service":   {Kind: "application", Location: true, Contact: true},
	"water-bill":      {Kind: "question", Description: true, Contact: true},
	"building-permit": {Kind: "application", Location: true, Contact: true},
	"dog-licence":     {Kind: "application", Contact: true},
	"vital-records":   {Kind: "application", Contact: true},
	"public-records":  {Kind: "application", Contact: true},
	"general":         {Kind: "question", Description: true},
}
