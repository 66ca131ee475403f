package demo

import (
	_ "embed"
	"fmt"

	"github.com/BurntSushi/toml"
)

// The demo town: Alder Creek, a town of about 500 people. Its town record,
// departments, services, notices and facilities are data in town.toml,
// which a volunteer edits without reading Go; the clerk edits them all in
// the admin UI afterwards.

//go:embed town.toml
var townTOML string

type tr map[string]string // per-language text, for translations and form fields

// townFile is town.toml.
type townFile struct {
	Town        map[string]any
	Departments []department
	Services    []service
	Notices     []notice
	Facilities  []facility
}

type department struct {
	Slug, Name, Description, Email, Phone, Location, Hours string
	Es                                                     tr
}

// service is a demo service; Kind and the Needs fields are what its
// requests must have (see the services collection's kind and needs_*
// fields): a problem on the street needs a place, an application a way
// to answer, a question the question.
type service struct {
	Code, Name, Description, Group, Keywords string
	Dept                                     string `toml:"department"`
	Need                                     string `toml:"what_you_need"`
	Days                                     int    `toml:"response_days"`
	Anonymous, Photos, Documents             bool
	Top                                      bool `toml:"top_task"`
	Public                                   bool `toml:"public_requests"`
	Kind                                     string
	NeedsLocation                            bool `toml:"needs_location"`
	NeedsDescription                         bool `toml:"needs_description"`
	NeedsContact                             bool `toml:"needs_contact"`
	Fields                                   []map[string]any
	Es                                       tr
}

type notice struct {
	Title, Body, Severity string
	Es                    tr
}

// readTown reads town.toml, refusing a key no field takes (a misspelt key
// would otherwise seed an empty value) outside the town record and the
// services' form fields, which are saved as written.
func readTown() (*townFile, error) {
	var f townFile
	md, err := toml.Decode(townTOML, &f)
	if err != nil {
		return nil, fmt.Errorf("read town.toml: %w", err)
	}
	for _, k := range md.Undecoded() {
		if k[0] != "town" && !(k[0] == "services" && len(k) > 1 && k[1] == "fields") {
			return nil, fmt.Errorf("town.toml: unknown key %s", k)
		}
	}
	return &f, nil
}
