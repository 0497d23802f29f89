// Labels in Spanish and English; the users of the programme work in both.
window.I18N = {
  es: {
    title: 'Tablero del programa de albergues', asOf: 'Cifras al', state: 'Estado', corridor: 'Corredor', any: 'Todos',
    SOUTHERN_BORDER: 'Frontera sur', CENTRE: 'Centro', NORTHERN_BORDER: 'Frontera norte', donor: 'Donante', phase: 'Fase',
    from: 'Desde', to: 'Hasta', apply: 'Aplicar', export3w: 'Exportar 3W (HXL)', programmeTotals: 'Totales del programa',
    shelters: 'Albergues con convenio', budget: 'Presupuesto', itemsDelivered: 'Artículos entregados', fulfilment: 'Cumplimiento',
    peopleReceived: 'Personas recibidas', trainings: 'Capacitaciones', fulfilmentByShelter: 'Cumplimiento por albergue y categoría',
    shelter: 'Albergue', category: 'Categoría', committed: 'Comprometido', accepted: 'Aceptado', rejected: 'Rechazado',
    planned: 'Planificado (en preparación)', inTransit: 'En tránsito',
    arrivalsTrend: 'Llegadas y grupos vulnerables', arrivalsInPeriod: 'Personas recibidas en el periodo',
    leadTimes: 'Tiempos de entrega (horas)', medianLeadTime: 'Mediana', p90LeadTime: 'p90', rejectionRate: 'Tasa de rechazo',
    alerts: 'Alertas', type: 'Tipo', detail: 'Detalle', noPersonalData: 'Solo conteos agregados; ningún dato personal.',
    arrivals: 'Llegadas', women: 'Mujeres', men: 'Hombres', girls: 'Niñas', boys: 'Niños',
    unaccompaniedChildren: 'NNA no acompañados', olderPersons: 'Personas mayores', median: 'Mediana', p90: 'p90',
    MEDICINES: 'Medicamentos', MEDICAL_SUPPLIES: 'Material médico', MEDICAL_EQUIPMENT: 'Equipo médico',
    HYGIENE_PRODUCTS: 'Productos de higiene', CONSTRUCTION_MATERIALS: 'Materiales de construcción',
    OVER_CAPACITY: 'Sobrecupo', ARRIVALS_SURGE: 'Aumento de llegadas', AGREEMENT_EXPIRING: 'Convenio por vencer',
    SHIPMENT_OVERDUE: 'Envío retrasado', HIGH_REJECTION_RATE: 'Rechazo alto', noData: 'Sin datos', byState: 'Por estado',
    loadError: 'No se pudieron cargar las cifras'
  },
  en: {
    title: 'Shelter programme dashboard', asOf: 'Figures as of', state: 'State', corridor: 'Corridor', any: 'Any',
    SOUTHERN_BORDER: 'Southern border', CENTRE: 'Centre', NORTHERN_BORDER: 'Northern border', donor: 'Donor', phase: 'Phase',
    from: 'From', to: 'To', apply: 'Apply', export3w: '3W export (HXL)', programmeTotals: 'Programme totals',
    shelters: 'Shelters with agreements', budget: 'Budget', itemsDelivered: 'Items delivered', fulfilment: 'Fulfilment',
    peopleReceived: 'People received', trainings: 'Training sessions', fulfilmentByShelter: 'Fulfilment by shelter and category',
    shelter: 'Shelter', category: 'Category', committed: 'Committed', accepted: 'Accepted', rejected: 'Rejected',
    planned: 'Planned (pipeline)', inTransit: 'In transit',
    arrivalsTrend: 'Arrivals and vulnerable groups', arrivalsInPeriod: 'People received in the period',
    leadTimes: 'Delivery lead times (hours)', medianLeadTime: 'Median', p90LeadTime: 'p90', rejectionRate: 'Rejection rate',
    alerts: 'Alerts', type: 'Type', detail: 'Detail', noPersonalData: 'Aggregate counts only; no personal data.',
    arrivals: 'Arrivals', women: 'Women', men: 'Men', girls: 'Girls', boys: 'Boys',
    unaccompaniedChildren: 'Unaccompanied children', olderPersons: 'Older persons', median: 'Median', p90: 'p90',
    MEDICINES: 'Medicines', MEDICAL_SUPPLIES: 'Medical supplies', MEDICAL_EQUIPMENT: 'Medical equipment',
    HYGIENE_PRODUCTS: 'Hygiene products', CONSTRUCTION_MATERIALS: 'Construction materials',
    OVER_CAPACITY: 'Over capacity', ARRIVALS_SURGE: 'Arrivals surge', AGREEMENT_EXPIRING: 'Agreement expiring',
    SHIPMENT_OVERDUE: 'Shipment overdue', HIGH_REJECTION_RATE: 'High rejection rate', noData: 'No data', byState: 'By state',
    loadError: 'Could not load the figures'
  }
};
