// electron-builder's beforePack hook (electron-builder.yml): a release is packaged only when the URLs it will talk to
// are https. The same rule is enforced again at run time (src-main/config/secure-url.ts), but a build that would
// refuse to start on every user's machine should not be produced at all.
// CommonJS because electron-builder loads hooks with require().
const fs = require('node:fs');
const path = require('node:path');

function isHttps(value) {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

/** Every reason the release may not be packaged; empty when it may. */
function releaseUrlProblems({ env, appJson }) {
  const problems = [];
  const feed = env.UPDATE_FEED_URL;
  if (!feed) problems.push('UPDATE_FEED_URL is not set (the update feed, e.g. https://license.example.jp/updates)');
  else if (!isHttps(feed)) problems.push(`UPDATE_FEED_URL must be https, not ${feed}`);
  const service = appJson && appJson.defaultServiceUrl;
  if (!isHttps(service)) {
    problems.push(`resources/app.json defaultServiceUrl must be https in a release, not ${String(service)}`);
  }
  return problems;
}

function readAppJson(projectDir) {
  return JSON.parse(fs.readFileSync(path.join(projectDir, 'resources', 'app.json'), 'utf8'));
}

async function beforePack(context) {
  const projectDir = (context && context.packager && context.packager.projectDir) || process.cwd();
  const problems = releaseUrlProblems({ env: process.env, appJson: readAppJson(projectDir) });
  if (problems.length > 0) {
    throw new Error(`release refused (README: Packaging a release):\n- ${problems.join('\n- ')}`);
  }
}

module.exports = { default: beforePack, releaseUrlProblems, readAppJson };
