// The 32 states of Mexico: ISO 3166-2 code and name as in shared-events' reference/mexico-states.csv
// (DashboardStatesTest checks they agree), and each state's tile in the dashboard's map: a tile grid
// (column, row) placed by the states' real geography, north-west at 0,0. Hand-made: no outline set
// could be fetched here, and a grid gives every state, however small, the same visible tile.
window.MX_STATES = [
  { code: 'MX-AGU', name: 'Aguascalientes', col: 2, row: 2 },
  { code: 'MX-BCN', name: 'Baja California', col: 0, row: 0 },
  { code: 'MX-BCS', name: 'Baja California Sur', col: 0, row: 1 },
  { code: 'MX-CAM', name: 'Campeche', col: 8, row: 4 },
  { code: 'MX-COA', name: 'Coahuila', col: 3, row: 0 },
  { code: 'MX-COL', name: 'Colima', col: 1, row: 4 },
  { code: 'MX-CHP', name: 'Chiapas', col: 6, row: 5 },
  { code: 'MX-CHH', name: 'Chihuahua', col: 2, row: 0 },
  { code: 'MX-CMX', name: 'Ciudad de México', col: 4, row: 3 },
  { code: 'MX-DUR', name: 'Durango', col: 2, row: 1 },
  { code: 'MX-GUA', name: 'Guanajuato', col: 3, row: 2 },
  { code: 'MX-GRO', name: 'Guerrero', col: 3, row: 4 },
  { code: 'MX-HID', name: 'Hidalgo', col: 5, row: 2 },
  { code: 'MX-JAL', name: 'Jalisco', col: 1, row: 3 },
  { code: 'MX-MEX', name: 'México', col: 3, row: 3 },
  { code: 'MX-MIC', name: 'Michoacán', col: 2, row: 3 },
  { code: 'MX-MOR', name: 'Morelos', col: 4, row: 4 },
  { code: 'MX-NAY', name: 'Nayarit', col: 1, row: 2 },
  { code: 'MX-NLE', name: 'Nuevo León', col: 4, row: 0 },
  { code: 'MX-OAX', name: 'Oaxaca', col: 5, row: 4 },
  { code: 'MX-PUE', name: 'Puebla', col: 6, row: 3 },
  { code: 'MX-QUE', name: 'Querétaro', col: 4, row: 2 },
  { code: 'MX-ROO', name: 'Quintana Roo', col: 9, row: 4 },
  { code: 'MX-SLP', name: 'San Luis Potosí', col: 4, row: 1 },
  { code: 'MX-SIN', name: 'Sinaloa', col: 1, row: 1 },
  { code: 'MX-SON', name: 'Sonora', col: 1, row: 0 },
  { code: 'MX-TAB', name: 'Tabasco', col: 7, row: 4 },
  { code: 'MX-TAM', name: 'Tamaulipas', col: 5, row: 1 },
  { code: 'MX-TLA', name: 'Tlaxcala', col: 5, row: 3 },
  { code: 'MX-VER', name: 'Veracruz', col: 6, row: 2 },
  { code: 'MX-YUC', name: 'Yucatán', col: 9, row: 3 },
  { code: 'MX-ZAC', name: 'Zacatecas', col: 3, row: 1 }
];
