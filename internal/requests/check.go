package requests

import "github.com/pocketbase/pocketbase/core"

// Check validates in without storing anything, for a form's first step.
func (d *Domain) Check(app core.App, in Input) (*Service, error) {
	t := d.Town.Get()
	svc, err := ServiceByCode(app, in.ServiceCode, in.Language, t.DefaultLanguage)
	if err != nil {
		return nil, ErrServiceUnavailable
	}
	if _, verr := validate(svc, in); verr != nil {
		return svc, verr
	}
	return svc, nil
}
