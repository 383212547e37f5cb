// The app uses the same pair, so `npm run dev` needs no .env file. They unlock nothing but the local emulator.
export const DEV_PROJECT_ID = 'project-test-00000000-0000-4000-8000-000000000000';
export const DEV_SECRET = 'secret-test-local-emulator-not-for-production';
