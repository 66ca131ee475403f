package requests

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/pocketbase/pocketbase/tools/filesystem"
	"github.com/pocketbase/pocketbase/tools/types"
	"github.com/townhall/townhall/internal/i18n"
)

// Statuses, in workflow order.
const (
	StatusNew        = "new"
	StatusInProgress = "in_progress"
	StatusWaiting    = "waiting"
	StatusResolved   = "resolved"
	StatusClosed     = "closed"
)

// Channels a request can come from.
const (
	ChannelWeb     = "web"
	ChannelEmail   = "email"
	ChannelPhone   = "phone"
	ChannelWalkIn  = "walk_in"
	ChannelOpen311 = "open311"
	ChannelSMS     = "sms"
)

// IsOpen reports whether a request in status s still needs work.
func IsOpen(s string) bool { return s != StatusResolved && s != StatusClosed }

// Input is a new request from any channel.
type Input struct {
	ServiceCode  string
	Description  string
	Address      string
	Location     *types.GeoPoint
	Answers      map[string][]string // by attribute code; one value except multivaluelist
	Photos       []*filesystem.File
	Documents    []*filesystem.File
	Channel      string
	ReporterID   string // the resident's user id, if signed in or known
	ContactName  string
	ContactEmail string
	ContactPhone string
	Language     string
	TextUpdates  bool // text status changes and comments to ContactPhone
}

// ValidationError lists every problem with an Input, as message ids so that
// every channel can say them in the reporter's language.
type ValidationError struct{ i18n.FieldErrors }

func (e *ValidationError) Error() string { return "invalid request: " + e.Summary() }

// AsValidation returns err as a *ValidationError, if it is one.
func AsValidation(err error) (*ValidationError, bool) {
	var v *ValidationError
	ok := errors.As(err, &v)
	return v, ok
}

// ErrServiceUnavailable is returned for an unknown or inactive service.
var ErrServiceUnavailable = errors.New("the service does not exist or takes no requests")

func (e *ValidationError) sorted() *ValidationError {
	sort.SliceStable(e.Fields, func(i, j int) bool { return fieldOrder(e.Fields[i].Field) < fieldOrder(e.Fields[j].Field) })
	return e
}

func fieldOrder(f string) string {
	switch {
	case strings.HasPrefix(f, "attr."):
		return "2" + f
	case f == "description" || f == "address":
		return "1" + f
	default:
		return "3" + f
	}
}

func (in Input) String() string { return fmt.Sprintf("%s request via %s", in.ServiceCode, in.Channel) }
