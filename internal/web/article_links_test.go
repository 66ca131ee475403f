package web_test

import "testing"

// An article about a facility or a program has a button to book it or to
// register, in the article's language.
func TestArticleLinksToBookingAndRegistration(t *testing.T) {
	f := demo(t)
	for _, s := range []struct{ url, want string }{
		{"/en/help/recreation/reserving-the-pavilion-or-meeting-room", `<a class="button" href="/en/book/pavilion">Book the Riverside Park pavilion online</a>`},
		{"/es/help/recreation/reservar-el-pabellon-o-la-sala-de-reuniones", `<a class="button" href="/es/book/pavilion">Reservar en línea: Pabellón del parque Riverside</a>`},
		{"/en/help/recreation/youth-sports-registration", `<a class="button" href="/en/programs/youth-soccer">Register for Youth soccer online</a>`},
		{"/es/help/recreation/inscripcion-en-deportes-juveniles", `<a class="button" href="/es/programs/youth-soccer">Inscribirse en línea: Fútbol juvenil</a>`},
	} {
		sc := get(s.url, nil, 200, []string{s.want}, nil, f)
		sc.Test(t)
	}
}
