package i18n

import "fmt"

// Money shows a fee in dollars: $40, or $12.50.
func Money(v float64) string {
	if v == float64(int64(v)) {
		return fmt.Sprintf("$%d", int64(v))
	}
	return fmt.Sprintf("$%.2f", v)
}
