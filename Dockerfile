# Multi-stage: build with dev dependencies, run with production ones only, as a non-root user.
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY . .
RUN npm run build

FROM node:20-slim
LABEL io.modelcontextprotocol.server.name="io.github.trekmail/trekmail-mcp"
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force
COPY --from=build /app/build ./build
USER node
# stdio by default: run with `docker run -i --rm -e TREKMAIL_BASE_URL -e TREKMAIL_API_TOKEN trekmail-mcp`
ENTRYPOINT ["node", "build/index.js"]
