# One image recipe for every service: `docker build --build-arg WORKSPACE=@groovy/subgraph-auth .`
# docker-compose.yml builds each service from it. (No Docker engine runs on the dev machines:
# this file is checked by tooling/repo-checks tests, and used by people who have Docker.)
# Images build and run on the current Node.js LTS (26); development and CI also run on 20.19+.
FROM node:26-bookworm-slim AS build
WORKDIR /app
ENV TURBO_TELEMETRY_DISABLED=1 NEXT_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
COPY . .
RUN npm ci --no-audit --no-fund && npm run build

FROM node:26-bookworm-slim
ARG WORKSPACE
ENV NODE_ENV=production WORKSPACE=${WORKSPACE} TURBO_TELEMETRY_DISABLED=1 NEXT_TELEMETRY_DISABLED=1
WORKDIR /app
COPY --from=build /app /app
USER node
CMD ["sh", "-c", "npm run start --silent -w \"$WORKSPACE\""]
