// Healthcheck of the docker-compose MongoDB (mongosh runs it inside the container):
//   mongosh --quiet --norc "mongodb://localhost:27017/admin?directConnection=true" healthcheck.js
// Signs in as the root user from the container's environment (so the password is on no command
// line), initiates the single-node replica set on the first run, and exits 0 only once this node
// is a writable primary (the services need the replica set for retryable writes).
db.getSiblingDB('admin').auth(process.env.MONGO_INITDB_ROOT_USERNAME, process.env.MONGO_INITDB_ROOT_PASSWORD);
try {
  rs.status();
} catch (notInitiated) {
  rs.initiate({ _id: 'rs0', members: [{ _id: 0, host: 'mongo:27017' }] });
}
quit(db.hello().isWritablePrimary ? 0 : 1);
