package report_test

import "github.com/certwiz/certwiz/internal/reporttest"

var (
	text    = reporttest.Text
	jsonDoc = reporttest.JSONDoc
	ids     = reporttest.IDs
)
