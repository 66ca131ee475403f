package demo

// The demo town: Alder Creek, a town of about 500 people. Everything here is
// ordinary data that the clerk edits in the admin UI afterwards.

type tr map[string]string // per-language text, for translations and form fields

var townData = map[string]any{
	"name":             "Town of Alder Creek",
	"timezone":         "America/New_York",
	"languages":        []string{"en", "es"},
	"default_language": "en",
	"address":          "Town Hall, 12 Main Street, Alder Creek",
	"phone":            "(555) 010-0100",
	"email":            "clerk@aldercreek.example",
	"mail_domain":      "aldercreek.example",
	"colour":           "#1d4f6e",
	"office_hours": []map[string]any{
		{"day": 1, "open": "08:00", "close": "16:30"}, {"day": 2, "open": "08:00", "close": "16:30"},
		{"day": 3, "open": "08:00", "close": "16:30"}, {"day": 4, "open": "08:00", "close": "16:30"},
		{"day": 5, "open": "08:00", "close": "16:30"},
	},
	"translations": map[string]any{"es": map[string]string{"name": "Municipio de Alder Creek"}},
}

type department struct {
	Slug, Name, Description, Email, Phone, Location, Hours string
	Es                                                     tr
}

var departments = []department{
	{"clerk", "Town Clerk's Office", "Records, licences, elections, property tax payments and questions of every kind.",
		"clerk@aldercreek.example", "(555) 010-0100", "Town Hall, first floor", "",
		tr{"name": "Secretaría Municipal", "description": "Actas, licencias, elecciones, pago de impuestos y preguntas de todo tipo.", "location": "Edificio municipal, planta baja"}},
	{"public-works", "Public Works", "Roads, potholes, street lights, snow plowing, trash and recycling, the transfer station.",
		"publicworks@aldercreek.example", "(555) 010-0140", "Highway garage, 400 Quarry Road", "Monday–Friday 7:00–15:30; emergencies day and night: (555) 010-0199",
		tr{"name": "Obras Públicas", "description": "Calles, baches, alumbrado público, quitanieves, basura y reciclaje, la estación de transferencia.", "location": "Garaje municipal, 400 Quarry Road", "hours": "Lunes a viernes de 7:00 a 15:30; emergencias a cualquier hora: (555) 010-0199"}},
	{"water", "Water and Sewer", "Water service, meter readings, bills, leaks and sewer backups.",
		"water@aldercreek.example", "(555) 010-0150", "Town Hall, first floor", "",
		tr{"name": "Agua y Alcantarillado", "description": "Servicio de agua, lectura de contadores, facturas, fugas y atascos del alcantarillado.", "location": "Edificio municipal, planta baja"}},
	{"building", "Building and Code Enforcement", "Building permits, inspections and property maintenance complaints.",
		"building@aldercreek.example", "(555) 010-0160", "Town Hall, second floor", "Tuesday and Thursday 8:00–12:00",
		tr{"name": "Construcción e Inspección", "description": "Licencias de construcción, inspecciones y quejas sobre el mantenimiento de propiedades.", "location": "Edificio municipal, primer piso", "hours": "Martes y jueves de 8:00 a 12:00"}},
	{"recreation", "Parks and Recreation", "Riverside Park, the pavilion, youth sports and summer programs.",
		"recreation@aldercreek.example", "(555) 010-0170", "Town Hall, second floor", "",
		tr{"name": "Parques y Recreación", "description": "El parque Riverside, el pabellón, los deportes juveniles y los programas de verano.", "location": "Edificio municipal, primer piso"}},
}

type service struct {
	Code, Dept, Name, Description, Need, Group, Keywords string
	Days                                                 int
	Anonymous, Photos, Documents, Top, Public            bool
	Fields                                               []map[string]any
	Es                                                   tr
}

func attr(code, datatype string, required bool, order int, desc tr, values ...map[string]any) map[string]any {
	a := map[string]any{"code": code, "datatype": datatype, "required": required, "order": order, "description": desc}
	if len(values) > 0 {
		a["values"] = values
	}
	return a
}

func value(key string, name tr) map[string]any { return map[string]any{"key": key, "name": name} }

var services = []service{
	{Code: "pothole", Public: true, Dept: "public-works", Name: "Pothole", Group: "Streets", Days: 5, Anonymous: true, Photos: true, Top: true,
		Description: "Report a pothole or broken pavement on a town road.",
		Need:        "Where it is: street and nearest house number or cross street\nHow big it is\nA photo, if you can take one safely",
		Keywords:    "pothole, hole, road, pavement, street, asphalt",
		Fields: []map[string]any{
			attr("size", "singlevaluelist", true, 1, tr{"en": "How big is it?", "es": "¿De qué tamaño es?"},
				value("small", tr{"en": "Smaller than a dinner plate", "es": "Más pequeño que un plato"}),
				value("medium", tr{"en": "About a car tyre", "es": "Como una rueda de coche"}),
				value("large", tr{"en": "Bigger than a car tyre", "es": "Más grande que una rueda de coche"})),
			attr("lane", "string", false, 2, tr{"en": "Which lane or side of the road?", "es": "¿En qué carril o lado de la calle?"}),
		},
		Es: tr{"name": "Bache", "description": "Reporte un bache o pavimento roto en una calle del municipio.", "what_you_need": "Dónde está: calle y número de casa más cercano o la calle que cruza\nDe qué tamaño es\nUna foto, si puede tomarla sin peligro"}},
	{Code: "streetlight", Public: true, Dept: "public-works", Name: "Street light out", Group: "Streets", Days: 10, Anonymous: true, Photos: true, Top: true,
		Description: "A street light that is dark, flickering or on during the day.",
		Need:        "The pole number (on a metal tag on the pole), or the nearest address",
		Keywords:    "street light, streetlight, lamp, dark, pole, light out",
		Fields: []map[string]any{
			attr("pole", "string", false, 1, tr{"en": "Pole number, if you can see it", "es": "Número del poste, si lo ve"}),
			attr("problem", "singlevaluelist", true, 2, tr{"en": "What is wrong?", "es": "¿Qué le pasa?"},
				value("dark", tr{"en": "It is off at night", "es": "Está apagada de noche"}),
				value("flicker", tr{"en": "It flickers", "es": "Parpadea"}),
				value("day", tr{"en": "It stays on in daytime", "es": "Está encendida de día"})),
		},
		Es: tr{"name": "Farola apagada", "description": "Una farola que no enciende, parpadea o está encendida de día.", "what_you_need": "El número del poste (en una placa metálica) o la dirección más cercana"}},
	{Code: "missed-pickup", Public: true, Dept: "public-works", Name: "Missed trash or recycling pickup", Group: "Trash and recycling", Days: 2, Top: true,
		Description: "Your bin was out by 6:00 a.m. on your collection day and was not emptied.",
		Need:        "Your address\nWhich bin was missed",
		Keywords:    "trash, garbage, recycling, bin, missed, pickup, collection",
		Fields: []map[string]any{
			attr("bins", "multivaluelist", true, 1, tr{"en": "Which bins were missed?", "es": "¿Qué contenedores no se recogieron?"},
				value("trash", tr{"en": "Trash", "es": "Basura"}), value("recycling", tr{"en": "Recycling", "es": "Reciclaje"})),
			attr("collection_day", "datetime", true, 2, tr{"en": "Collection day", "es": "Día de recogida"}),
		},
		Es: tr{"name": "No pasaron a recoger la basura o el reciclaje", "description": "Su contenedor estaba afuera antes de las 6:00 el día de recogida y no lo vaciaron.", "what_you_need": "Su dirección\nQué contenedor no se recogió"}},
	{Code: "bulk-pickup", Dept: "public-works", Name: "Bulk item pickup", Group: "Trash and recycling", Days: 5,
		Description: "Schedule a curbside pickup of furniture, mattresses or appliances.",
		Need:        "A list of the items (up to 5)\nWhether any item holds refrigerant (fridge, freezer, air conditioner)",
		Keywords:    "bulk, furniture, mattress, couch, sofa, appliance, fridge, large item",
		Fields: []map[string]any{
			attr("items", "text", true, 1, tr{"en": "What are the items?", "es": "¿Qué objetos son?"}),
			attr("count", "number", true, 2, tr{"en": "How many items (1 to 5)?", "es": "¿Cuántos objetos (de 1 a 5)?"}),
			attr("refrigerant", "singlevaluelist", true, 3, tr{"en": "Does any item hold refrigerant?", "es": "¿Alguno tiene gas refrigerante?"},
				value("no", tr{"en": "No", "es": "No"}), value("yes", tr{"en": "Yes", "es": "Sí"})),
		},
		Es: tr{"name": "Recogida de objetos voluminosos", "description": "Programe la recogida en la acera de muebles, colchones o electrodomésticos.", "what_you_need": "La lista de objetos (hasta 5)\nSi alguno tiene gas refrigerante (nevera, congelador, aire acondicionado)"}},
	{Code: "snow-plowing", Public: true, Dept: "public-works", Name: "Snow plowing problem", Group: "Streets", Days: 2, Anonymous: true,
		Description: "A street that was missed by the plow, or damage caused by plowing.",
		Need:        "The street and nearest address",
		Keywords:    "snow, plow, plough, ice, sand, salt, winter, mailbox",
		Fields: []map[string]any{
			attr("problem", "singlevaluelist", true, 1, tr{"en": "What happened?", "es": "¿Qué pasó?"},
				value("missed", tr{"en": "The street was not plowed", "es": "No pasaron el quitanieves"}),
				value("icy", tr{"en": "It is icy and needs sand", "es": "Hay hielo y hace falta arena"}),
				value("damage", tr{"en": "The plow damaged something", "es": "El quitanieves dañó algo"})),
		},
		Es: tr{"name": "Problema con el quitanieves", "description": "Una calle donde no pasó el quitanieves o daños causados al quitar la nieve.", "what_you_need": "La calle y la dirección más cercana"}},
	{Code: "water-service", Dept: "water", Name: "Start or stop water service", Group: "Water", Days: 3, Top: true,
		Description: "Open or close a water account when you move in or out.",
		Need:        "The service address\nThe date you move in or out\nA forwarding address for the final bill",
		Keywords:    "water, service, move, moving, account, start, stop, shut off, turn on",
		Fields: []map[string]any{
			attr("action", "singlevaluelist", true, 1, tr{"en": "Start or stop?", "es": "¿Abrir o cerrar?"},
				value("start", tr{"en": "Start service", "es": "Abrir el servicio"}), value("stop", tr{"en": "Stop service", "es": "Cerrar el servicio"})),
			attr("date", "datetime", true, 2, tr{"en": "Date of the move", "es": "Fecha de la mudanza"}),
			attr("forwarding", "string", false, 3, tr{"en": "Forwarding address (when stopping)", "es": "Dirección nueva (si cierra el servicio)"}),
		},
		Es: tr{"name": "Abrir o cerrar el servicio de agua", "description": "Abra o cierre una cuenta de agua cuando se muda.", "what_you_need": "La dirección del servicio\nLa fecha de la mudanza\nUna dirección para enviarle la última factura"}},
	{Code: "water-bill", Dept: "water", Name: "Question about a water bill", Group: "Water", Days: 5,
		Description: "A bill that looks wrong, a payment plan, or a reading you want checked.",
		Need:        "Your account number (top right of the bill)",
		Keywords:    "water, bill, payment, meter, reading, high bill, leak",
		Fields: []map[string]any{
			attr("account", "string", true, 1, tr{"en": "Account number", "es": "Número de cuenta"}),
		},
		Es: tr{"name": "Consulta sobre la factura del agua", "description": "Una factura que parece incorrecta, un plan de pagos o una lectura que quiere que revisemos.", "what_you_need": "Su número de cuenta (arriba a la derecha en la factura)"}},
	{Code: "building-permit", Dept: "building", Name: "Building permit", Group: "Permits", Days: 10, Documents: true, Top: true,
		Description: "Apply for a permit to build, add on, put up a shed over 200 square feet, or change a structure.",
		Need:        "A description of the work\nA site plan or sketch (PDF)\nThe estimated cost",
		Keywords:    "building, permit, construction, shed, deck, addition, garage, renovation, fence",
		Fields: []map[string]any{
			attr("work", "text", true, 1, tr{"en": "Describe the work", "es": "Describa la obra"}),
			attr("cost", "number", true, 2, tr{"en": "Estimated cost in dollars", "es": "Costo estimado en dólares"}),
			attr("start", "datetime", false, 3, tr{"en": "Planned start date", "es": "Fecha prevista de inicio"}),
		},
		Es: tr{"name": "Licencia de construcción", "description": "Solicite un permiso para construir, ampliar, poner un cobertizo de más de 200 pies cuadrados o modificar una estructura.", "what_you_need": "Una descripción de la obra\nUn plano o croquis del terreno (PDF)\nEl costo estimado"}},
	{Code: "dog-licence", Dept: "clerk", Name: "Dog licence", Group: "Licences", Days: 3, Documents: true,
		Description: "License your dog every year by March 31.",
		Need:        "Proof of a current rabies vaccination (PDF or photo)\nWhether the dog is spayed or neutered",
		Keywords:    "dog, license, licence, tag, rabies, pet",
		Fields: []map[string]any{
			attr("dog_name", "string", true, 1, tr{"en": "Dog's name", "es": "Nombre del perro"}),
			attr("altered", "singlevaluelist", true, 2, tr{"en": "Spayed or neutered?", "es": "¿Está esterilizado?"},
				value("yes", tr{"en": "Yes", "es": "Sí"}), value("no", tr{"en": "No", "es": "No"})),
		},
		Es: tr{"name": "Licencia para perros", "description": "Saque la licencia de su perro cada año antes del 31 de marzo.", "what_you_need": "Comprobante de la vacuna contra la rabia vigente (PDF o foto)\nSi el perro está esterilizado"}},
	{Code: "vital-records", Dept: "clerk", Name: "Birth, death or marriage certificate", Group: "Records", Days: 5,
		Description: "Order a certified copy of a birth, death or marriage record held by the town.",
		Need:        "Names on the record and the date of the event\nYour relationship to the person",
		Keywords:    "birth, death, marriage, certificate, vital record, copy",
		Fields: []map[string]any{
			attr("record", "singlevaluelist", true, 1, tr{"en": "Which record?", "es": "¿Qué acta?"},
				value("birth", tr{"en": "Birth", "es": "Nacimiento"}), value("death", tr{"en": "Death", "es": "Defunción"}), value("marriage", tr{"en": "Marriage", "es": "Matrimonio"})),
			attr("names", "string", true, 2, tr{"en": "Name(s) on the record", "es": "Nombre(s) que aparecen en el acta"}),
			attr("event_date", "datetime", true, 3, tr{"en": "Date of the event", "es": "Fecha del hecho"}),
			attr("copies", "number", true, 4, tr{"en": "Number of copies", "es": "Número de copias"}),
		},
		Es: tr{"name": "Acta de nacimiento, defunción o matrimonio", "description": "Pida una copia certificada de un acta de nacimiento, defunción o matrimonio que tenga el municipio.", "what_you_need": "Los nombres que aparecen en el acta y la fecha del hecho\nSu parentesco con la persona"}},
	{Code: "public-records", Dept: "clerk", Name: "Public records request", Group: "Records", Days: 5,
		Description: "Ask for copies of town documents: minutes, contracts, reports, correspondence.",
		Need:        "A description of the records, as precise as you can",
		Keywords:    "public records, foia, documents, minutes, copies, request",
		Fields: []map[string]any{
			attr("records", "text", true, 1, tr{"en": "Which records do you want?", "es": "¿Qué documentos quiere?"}),
			attr("format", "singlevaluelist", true, 2, tr{"en": "How would you like them?", "es": "¿Cómo los quiere recibir?"},
				value("email", tr{"en": "By email", "es": "Por correo electrónico"}), value("paper", tr{"en": "Paper copies", "es": "En papel"})),
		},
		Es: tr{"name": "Solicitud de documentos públicos", "description": "Pida copias de documentos del municipio: actas, contratos, informes, correspondencia.", "what_you_need": "Una descripción de los documentos, lo más precisa posible"}},
	{Code: "general", Dept: "clerk", Name: "Question for the clerk", Group: "General", Days: 2, Anonymous: true,
		Description: "Anything else: ask and the clerk will answer or pass it to the right person.",
		Need:        "Your question",
		Keywords:    "question, clerk, help, other, general, contact",
		Es:          tr{"name": "Pregunta para la secretaría", "description": "Cualquier otra cosa: pregunte y la secretaría le responderá o se la pasará a quien corresponda.", "what_you_need": "Su pregunta"}},
}

type notice struct {
	Title, Body, Severity string
	Es                    tr
}

var notices = []notice{
	{"Boil water advisory: Mill Street and River Road",
		"After a water main break, residents of **Mill Street** and **River Road** should boil tap water for one minute before drinking or cooking until further notice.\n\nWe will post here as soon as tests show the water is safe. Questions: Water and Sewer, (555) 010-0150.",
		"critical",
		tr{"title": "Aviso de hervir el agua: Mill Street y River Road", "body": "Tras la rotura de una tubería principal, los vecinos de **Mill Street** y **River Road** deben hervir el agua del grifo durante un minuto antes de beberla o cocinar con ella, hasta nuevo aviso.\n\nAvisaremos aquí en cuanto las pruebas muestren que el agua es segura. Preguntas: Agua y Alcantarillado, (555) 010-0150."}},
	{"Winter parking ban starts November 15",
		"From November 15 to April 1, no parking on any town street from 1:00 to 6:00 a.m., so the plows can get through. Cars in the way may be ticketed ($50) or towed.",
		"info",
		tr{"title": "La prohibición de estacionar en invierno empieza el 15 de noviembre", "body": "Del 15 de noviembre al 1 de abril no se puede estacionar en ninguna calle del municipio de 1:00 a 6:00 de la mañana, para que pasen los quitanieves. Los coches que estorben pueden recibir una multa ($50) o ser remolcados."}},
}
