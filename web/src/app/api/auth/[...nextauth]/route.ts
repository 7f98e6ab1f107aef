// next-auth's route handler; everything else lives in src/auth.ts.
export { handler as GET, handler as POST } from '@/auth';
