package sshserve

import (
	"strconv"

	"github.com/certwiz/certwiz/sanitize"
)

// maxLogValue bounds strings from clients in log records.
const maxLogValue = 200

// logValue makes a client-supplied string inert and short for the log.
func logValue(s string) string { return sanitize.Limit(s, maxLogValue) }

// quoteForUser quotes a client-supplied string for a message sent back to
// that client, inert and short.
func quoteForUser(s string) string { return strconv.Quote(sanitize.Limit(s, 80)) }
