// One MongoDB user per service, with readWrite on that service's own database and nothing else
// (each service owns its database and never reads another's). The image's entrypoint runs this
// once, on the first start of an empty data volume, before access control is switched on.
// Passwords come from the container's environment (docker-compose.yml; development defaults
// there). To change one later see docs/runbook.md ("Rotating secrets"): this file does not run again.
for (const service of ['agreements', 'logistics', 'reporting']) {
  const variable = `MONGO_INITDB_${service.toUpperCase()}_PASSWORD`;
  const password = process.env[variable];
  if (!password) {
    throw new Error(`${variable} is not set: no user for ${service}`);
  }
  db.getSiblingDB(service).createUser({
    user: service,
    pwd: password,
    roles: [{ role: 'readWrite', db: service }],
  });
  print(`created user ${service} (readWrite on ${service})`);
}
