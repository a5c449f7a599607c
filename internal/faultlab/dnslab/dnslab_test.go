package dnslab

import (
	"context"
	"errors"
	"net"
	"slices"
	"testing"
)

func TestServerAnswersRecordsNXDOMAINAndSilence(t *testing.T) {
	t.Parallel()
	s, err := Start(Config{
		Records: map[string][]string{"zoom.example.com": {"10.1.2.3", "fd00::1"}},
		Silent:  []string{"black.example.com"},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	r := s.Resolver()

	addrs, err := r.LookupHost(context.Background(), "Zoom.Example.COM")
	if err != nil {
		t.Fatalf("lookup: %v", err)
	}
	slices.Sort(addrs)
	if want := []string{"10.1.2.3", "fd00::1"}; !slices.Equal(addrs, want) {
		t.Fatalf("addrs = %v, want %v", addrs, want)
	}

	_, err = r.LookupHost(context.Background(), "missing.example.com")
	var de *net.DNSError
	if !errors.As(err, &de) || !de.IsNotFound {
		t.Fatalf("missing name: err = %v, want not found", err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), LookupTimeout)
	defer cancel()
	_, err = r.LookupHost(ctx, "black.example.com")
	if !errors.As(err, &de) || de.IsNotFound {
		t.Fatalf("silent name: err = %v, want a timeout, not NXDOMAIN", err)
	}
	if !slices.Contains(s.Queries(), "black.example.com.") {
		t.Fatalf("server never saw the silent query: %v", s.Queries())
	}
}

func TestStartRejectsBadAddress(t *testing.T) {
	t.Parallel()
	if _, err := Start(Config{Records: map[string][]string{"x.example": {"not-an-ip"}}}); err == nil {
		t.Fatal("want an error for a bad address")
	}
}
