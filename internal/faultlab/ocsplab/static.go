package ocsplab

import (
	"net/http"
	"sync/atomic"
	"testing"
)

// Static is a loopback HTTP server answering every request with the
// same status, content type and body.
type Static struct {
	URL      string
	requests atomic.Int64
}

// Requests returns how many requests were served.
func (s *Static) Requests() int { return int(s.requests.Load()) }

// ServeStatic serves body with the given status and content type on
// 127.0.0.1 until the test ends.
func ServeStatic(tb testing.TB, status int, contentType string, body []byte) *Static {
	tb.Helper()
	s := &Static{}
	s.URL = serve(tb, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		s.requests.Add(1)
		if contentType != "" {
			w.Header().Set("Content-Type", contentType)
		}
		w.WriteHeader(status)
		_, _ = w.Write(body)
	}))
	return s
}

// PortalPage is the HTML a captive portal sends instead of the answer.
const PortalPage = `<!DOCTYPE html><html><head><title>Guest Wi-Fi</title></head><body><form action="/login"><p>Accept the terms to get online.</p><button>Connect</button></form></body></html>`

// ServePortal serves a captive-portal login page (200, text/html) for
// every URL, as a hotel network does before the user logs in.
func ServePortal(tb testing.TB) *Static {
	tb.Helper()
	return ServeStatic(tb, http.StatusOK, "text/html; charset=utf-8", []byte(PortalPage))
}

// ServeCRL serves a DER CRL with the usual content type.
func ServeCRL(tb testing.TB, der []byte) *Static {
	tb.Helper()
	return ServeStatic(tb, http.StatusOK, "application/pkix-crl", der)
}
