package notify

import (
	"testing"

	"github.com/pocketbase/pocketbase/tests"
	"github.com/townhall/townhall/internal/schema/schematest"
)

// migrated is a data directory with every migration applied, made once in
// TestMain: NewTestApp clones it for each test, which under -race is seconds
// faster than migrating a new database every time.
var migrated string

func TestMain(m *testing.M) { schematest.Main(m, "notify", &migrated) }

// newApp is a fresh Townhall database with SMTP off, as on a new install:
// what notify queues stays in the outbox.
func newApp(t testing.TB) *tests.TestApp { return schematest.NewApp(t, migrated) }
