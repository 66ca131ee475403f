package web_test

import "os"

func mkdirTemp() (string, error) { return os.MkdirTemp("", "townhall-web-test-") }
