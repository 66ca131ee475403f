package schema_test

import (
	"testing"

	"github.com/townhall/townhall/internal/schema/schematest"
)

// migrated is a data directory with every migration applied, made once;
// each test clones it with schematest.NewApp.
var migrated string

func TestMain(m *testing.M) { schematest.Main(m, "schema", &migrated) }
