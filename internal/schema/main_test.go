package schema_test

import (
	"testing"

	"github.com/townhall/townhall/internal/schema/schematest"
)

func TestMain(m *testing.M) { schematest.Run(m) }
